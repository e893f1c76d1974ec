package dev.webbench.sql;

/**
 * The contract's SQL, written once in PostgreSQL's native {@code $n} form.
 * Reactive drivers (Vert.x pg-client, R2DBC) take {@link #postgres()}; JDBC takes {@link #jdbc()}.
 */
public enum Query {
    LIST_BRANDS("SELECT brand_id, brand_name FROM brand ORDER BY brand_id"),
    PRODUCT_BY_ID("SELECT product_id, product_name, brand_id FROM product WHERE product_id = $1"),
    /** A brand_id with no brand fails with {@link SqlStates#FOREIGN_KEY_VIOLATION} and writes nothing. */
    INSERT_PRODUCT("INSERT INTO product (product_name, brand_id) VALUES ($1, $2) RETURNING product_id, product_name, brand_id"),
    COUNT_PRODUCTS("SELECT count(*) FROM product");

    private final String nativeText;
    private final String jdbcText;

    Query(String nativeText) {
        this.nativeText = nativeText;
        // Every $n above appears once and in order, so a plain positional rewrite is exact.
        this.jdbcText = nativeText.replaceAll("\\$\\d+", "?");
    }

    /** PostgreSQL's own placeholder form: {@code $1, $2}. */
    public String postgres() {
        return nativeText;
    }

    /** JDBC's placeholder form: {@code ?}. */
    public String jdbc() {
        return jdbcText;
    }
}
