package dev.webbench.seed;

import dev.webbench.sql.Schema;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Creates the schema if needed and replaces all rows with {@link SeedData}. Identity sequences
 * restart, so ids are 1..N in generation order and a product's {@code brand_id} is stable.
 */
public final class SeedLoader {
    private SeedLoader() {
    }

    public static void load(Connection connection, SeedData data) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(Schema.ddl());
            statement.execute("TRUNCATE sku, product, product_size, product_color, brand RESTART IDENTITY CASCADE");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy(copy, "brand (brand_name)", data.brands(), name -> name);
            copy(copy, "product_color (product_color_name)", data.colors(), name -> name);
            copy(copy, "product_size (product_size_name)", data.sizes(), name -> name);
            copy(copy, "product (product_name, brand_id)", data.products(), p -> p.name() + "\t" + p.brandId());
            copy(copy, "sku (product_id, product_size_id, product_color_id)", data.skus(),
                    s -> s.productId() + "\t" + s.sizeId() + "\t" + s.colorId());
            connection.commit();
            statement.execute("ANALYZE");
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static <T> void copy(CopyManager copy, String target, List<T> rows, Function<T, String> line) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 16);
        for (T row : rows) {
            // Generated names hold no tab, newline or backslash, so COPY's text format needs no escaping.
            text.append(line.apply(row)).append('\n');
        }
        try {
            copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed", e);
        }
    }
}
