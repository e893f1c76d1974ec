package dev.webbench.jdbc;

import dev.webbench.sql.SqlStates;
import java.io.Serial;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pgjdbc's data source as HikariCP's source of physical connections, with the two things neither sets on its own.
 *
 * <p><b>A read timeout in milliseconds on every connection.</b> pgjdbc's {@code socketTimeout} counts whole seconds;
 * a frozen server (it accepts TCP, then never answers, so its {@code statement_timeout} cannot fire either) must end a
 * statement within the database timeout and a little more. The timeout is set once per physical connection, through
 * {@link Connection#setNetworkTimeout}; HikariCP reads it as the connection's own and restores it after each
 * validation. A read that times out closes the connection inside pgjdbc (SQLSTATE 08006), and HikariCP evicts it.
 *
 * <p><b>Reconnecting every {@link #RECONNECT_PAUSE} while the server refuses or does not answer.</b> HikariCP sleeps
 * between failed attempts to add a connection, doubling from 10 ms up to 5 s ({@code HikariPool.PoolEntryCreator},
 * not configurable), so after an outage of a few seconds the pool could stay empty for up to 5 s more while the
 * database serves again. A connection attempt that fails because the database is unavailable by
 * {@link SqlStates#isUnavailable} (refused, timed out, starting up, shutting down, connection table full) is tried
 * again here after a short pause, for as long as the pool is open, so the pool refills as soon as the database takes
 * connections; requests meanwhile get 503 after the pool's own wait. Any other failure (a wrong password, an unknown
 * database) goes to HikariCP at once.
 */
final class PoolConnections extends PGSimpleDataSource {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PoolConnections.class);
    /** Between two attempts to connect while the database is unavailable: one attempt at a time, so 10 a second at most. */
    static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

    private final int networkTimeoutMillis;
    private transient volatile BooleanSupplier poolOpen = () -> true;

    PoolConnections(Duration networkTimeout) {
        this.networkTimeoutMillis = Math.toIntExact(networkTimeout.toMillis());
    }

    /** Stops reconnecting once this says the pool has closed. */
    void retryWhile(BooleanSupplier open) {
        this.poolOpen = open;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        long outageStarted = 0;
        while (true) {
            try {
                Connection connection = bounded(super.getConnection(user, password));
                if (outageStarted != 0) {
                    LOG.info("Database reachable again after {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStarted));
                }
                return connection;
            } catch (SQLException e) {
                if (!SqlStates.isUnavailable(e.getSQLState()) || !poolOpen.getAsBoolean()) {
                    throw e;
                }
                if (outageStarted == 0) {
                    outageStarted = System.nanoTime();
                    LOG.warn("Database unavailable ({} {}); connecting again every {} ms", e.getSQLState(), e.getMessage(), RECONNECT_PAUSE.toMillis());
                }
                pause(e);
            }
        }
    }

    private Connection bounded(Connection connection) throws SQLException {
        try {
            // pgjdbc applies the timeout to its socket and never uses the executor.
            connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static void pause(SQLException failure) throws SQLException {
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
