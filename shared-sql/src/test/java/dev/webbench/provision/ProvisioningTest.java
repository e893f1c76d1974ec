package dev.webbench.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisioningTest {

    @Test
    void embeddedServerSeedsAndSurvivesRestartsInEitherModeAndAFreeze() throws SQLException {
        try (ControllablePostgres pg = PostgresProvisioner.embedded()) {
            assertThat(pg.provider()).isEqualTo("embedded");
            PostgresProvisioner.seed(pg);
            assertSeeded(pg);
            assertThat(pg.serverVersion()).startsWith("17.");

            pg.stop();
            assertThatThrownBy(pg::connect).isInstanceOf(SQLException.class);
            pg.start();
            assertSeeded(pg);

            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO product (product_name, brand_id) VALUES ('committed before a crash', 1)");
            }
            try (Connection open = pg.connect()) {
                pg.stop(ControllablePostgres.ShutdownMode.IMMEDIATE);
                assertThatThrownBy(() -> open.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(pg::connect).isInstanceOf(SQLException.class);
            pg.start();
            assertThat(single(pg, "SELECT count(*) FROM product WHERE product_name = 'committed before a crash'")).isEqualTo("1");

            pg.stop(ControllablePostgres.ShutdownMode.FAST);
            pg.start();
            // A socket timeout, not a query timeout: the driver cancels a query through the postmaster, which is frozen too.
            String url = pg.settings().jdbcUrl() + "?socketTimeout=1";
            try (Connection open = DriverManager.getConnection(url, pg.settings().user(), pg.settings().password());
                 Statement s = open.createStatement()) {
                pg.freeze();
                long started = System.nanoTime();
                try {
                    assertThatThrownBy(() -> s.execute("SELECT 1")).as("a query to a frozen server").isInstanceOf(SQLException.class);
                    assertThat((System.nanoTime() - started) / 1_000_000).as("it waited for the socket timeout").isGreaterThanOrEqualTo(900);
                } finally {
                    pg.thaw();
                }
            }
            assertThat(single(pg, "SELECT count(*) FROM product")).as("the seed and the one committed row, after the freeze").isEqualTo("1001");
        }
    }

    @Test
    void seedingTwiceGivesTheSameRowsAgain() throws SQLException {
        try (Postgres pg = PostgresProvisioner.embedded()) {
            PostgresProvisioner.seed(pg);
            try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO product (product_name, brand_id) VALUES ('extra', 1)");
            }
            PostgresProvisioner.seed(pg);
            assertSeeded(pg);
            assertThat(single(pg, "SELECT product_name || '/' || brand_id FROM product WHERE product_id = 1"))
                    .isEqualTo(single(pg, "SELECT product_name || '/' || brand_id FROM product WHERE product_id = 1"));
            assertThat(single(pg, "SELECT max(product_id) FROM product")).isEqualTo("1000");
        }
    }

    @Test
    void externalServerIsFoundThroughPgVariables() throws SQLException {
        try (Postgres other = PostgresProvisioner.embedded()) {
            Map<String, String> env = Map.of(
                    "PGHOST", "127.0.0.1",
                    "PGPORT", String.valueOf(other.settings().port()),
                    "PGUSER", "postgres",
                    "PGDATABASE", "postgres");
            try (Postgres external = PostgresProvisioner.fromEnvironment(env)) {
                assertThat(external.provider()).isEqualTo("external");
                assertThat(external.restartable()).isFalse();
                PostgresProvisioner.seed(external);
                assertSeeded(external);
            }
            // Closing the external handle must leave the server running.
            assertSeeded(other);
        }
    }

    static void assertSeeded(Postgres pg) throws SQLException {
        assertThat(single(pg, "SELECT count(*) FROM brand")).isEqualTo("100");
        assertThat(single(pg, "SELECT count(*) FROM product")).isEqualTo("1000");
        assertThat(single(pg, "SELECT count(*) FROM sku")).isEqualTo("100000");
        assertThat(single(pg, "SELECT string_agg(product_color_name, ',' ORDER BY product_color_id) FROM product_color")).isEqualTo("Blue,Black");
        assertThat(single(pg, "SELECT string_agg(product_size_name, ',' ORDER BY product_size_id) FROM product_size")).isEqualTo("Small,Medium,Large");
    }

    static String single(Postgres pg, String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
