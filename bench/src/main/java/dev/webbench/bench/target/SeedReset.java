package dev.webbench.bench.target;

import dev.webbench.provision.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Puts the product table back to the seed between targets, so that every target inserts into the same table. */
public final class SeedReset {
    private SeedReset() {
    }

    /** Deletes the products created after the seed and resets their id sequence. */
    public static void deleteCreatedProducts(Postgres postgres) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM product WHERE product_id > 1000");
            statement.execute("SELECT setval('product_product_id_seq', 1000)");
            statement.execute("VACUUM ANALYZE product");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset created products: " + e.getMessage(), e);
        }
    }
}
