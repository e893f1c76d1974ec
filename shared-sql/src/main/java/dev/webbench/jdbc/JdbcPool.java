package dev.webbench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HikariCP pool of the JDBC implementations, bounded everywhere by {@link AppConfig#dbTimeout()}. */
public final class JdbcPool {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPool.class);

    public static final int DEFAULT_SIZE = AppConfig.DEFAULT_POOL_SIZE;

    /** {@code DB_POOL_SIZE} connections (default {@link #DEFAULT_SIZE}), one statement each: JDBC cannot pipeline. */
    public static DatabaseBudget budget(AppConfig config) {
        return DatabaseBudget.oneStatementPerConnection(config, DEFAULT_SIZE);
    }

    private JdbcPool() {
    }

    /**
     * How long a statement may run past {@code statement_timeout} before the client stops waiting for its answer: the
     * server's own cancellation (SQLSTATE 57014, the connection stays usable) must arrive first, so the read timeout
     * only ends statements on a server that no longer answers at all.
     */
    static final Duration STATEMENT_TIMEOUT_GRACE = Duration.ofMillis(500);

    /**
     * A started pool. It does not fail when the database is down at start: the server then answers
     * 503 and recovers by itself, and the outage is logged here rather than ignored. Its {@link #budget} is logged
     * once, as {@link DatabaseBudget#logLine()}.
     *
     * <p>Bounds, each from {@code DB_TIMEOUT_MS} (D): the wait for a pooled connection, D ({@code connectionTimeout});
     * a statement, D on the server ({@code statement_timeout}) and D + {@link #STATEMENT_TIMEOUT_GRACE} on the client
     * (the socket's read timeout, see {@link PoolConnections}); opening a connection, D for TCP ({@code connectTimeout},
     * whole seconds rounded up) and for the login (HikariCP sets pgjdbc's {@code loginTimeout} from
     * {@code connectionTimeout}); checking an idle connection on borrow, D / 4 ({@code validationTimeout}). A request
     * thus gets its answer within 2 D + the grace, whatever the database does.
     */
    public static HikariDataSource start(AppConfig config, String applicationName) {
        DatabaseBudget budget = budget(config);
        LOG.info(budget.logLine());
        long timeoutMillis = config.dbTimeout().toMillis();
        int timeoutSeconds = (int) Math.max(1, (timeoutMillis + 999) / 1000);
        PoolConnections connections = new PoolConnections(config.dbTimeout().plus(STATEMENT_TIMEOUT_GRACE));
        connections.setUrl(config.pg().jdbcUrl());
        connections.setUser(config.pg().user());
        connections.setPassword(config.pg().password());
        connections.setApplicationName(applicationName);
        // Statement and lock waits end at the bound on the server (SQLSTATE 57014 -> 503), and a commit is durable
        // before it is acknowledged (see AppConfig#SYNCHRONOUS_COMMIT).
        connections.setOptions("-c statement_timeout=" + timeoutMillis + " -c synchronous_commit=" + AppConfig.SYNCHRONOUS_COMMIT);
        connections.setConnectTimeout(timeoutSeconds);
        // During the login only (PoolConnections then sets the read timeout in milliseconds): a login thread that
        // pgjdbc gave up on after loginTimeout ends too rather than wait for a frozen server forever.
        connections.setSocketTimeout(timeoutSeconds);
        connections.setTcpKeepAlive(true);

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(applicationName + "-db");
        hikari.setDataSource(connections);
        hikari.setMaximumPoolSize(budget.connections());
        hikari.setMinimumIdle(budget.connections());
        hikari.setConnectionTimeout(timeoutMillis);
        // https://github.com/brettwooldridge/HikariCP#frequently-used, validationTimeout: "must be less than the
        // connectionTimeout. Lowest acceptable validation timeout is 250 ms"; it runs inside the request's wait for a connection, so it takes a fraction.
        hikari.setValidationTimeout(Math.max(250, timeoutMillis / 4));
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(hikari);
        connections.retryWhile(() -> !pool.isClosed());
        try (Connection probe = pool.getConnection()) {
            LOG.info("Database {} reachable; pool of {}", config.pg().describe(), hikari.getMaximumPoolSize());
        } catch (SQLException e) {
            LOG.warn("Database {} is unreachable at start ({}); answering 503 until it is", config.pg().describe(), e.getMessage());
        }
        return pool;
    }
}
