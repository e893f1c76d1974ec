package dev.webbench.provision;

import dev.webbench.config.PgSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL server that tests and the bench can point implementations at. */
public interface Postgres extends AutoCloseable {

    /** {@code external}, {@code testcontainers} or {@code embedded}: recorded with every result. */
    String provider();

    PgSettings settings();

    /** Whether {@link #stop()} and {@link #start()} are possible (only for servers we started). */
    boolean restartable();

    /** Stops the server, keeping its data, so that {@link #start()} brings the same database back on the same port. */
    void stop();

    void start();

    @Override
    void close();

    default Connection connect() throws SQLException {
        PgSettings pg = settings();
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    /** {@code SELECT version()}, for the environment record of a run. */
    default String serverVersion() {
        try (Connection connection = connect();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
