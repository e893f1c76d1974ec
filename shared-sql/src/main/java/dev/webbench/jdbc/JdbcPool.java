package dev.webbench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.webbench.config.AppConfig;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HikariCP pool of the JDBC implementations, bounded everywhere by {@link AppConfig#dbTimeout()}. */
public final class JdbcPool {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPool.class);

    public static final int DEFAULT_SIZE = AppConfig.DEFAULT_POOL_SIZE;

    private JdbcPool() {
    }

    /**
     * A started pool. It does not fail when the database is down at start: the server then answers
     * 503 and recovers by itself, and the outage is logged here rather than ignored.
     */
    public static HikariDataSource start(AppConfig config, String applicationName) {
        long timeoutMillis = config.dbTimeout().toMillis();
        int timeoutSeconds = (int) Math.max(1, (timeoutMillis + 999) / 1000);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(applicationName + "-db");
        hikari.setJdbcUrl(config.pg().jdbcUrl());
        hikari.setUsername(config.pg().user());
        hikari.setPassword(config.pg().password());
        hikari.setMaximumPoolSize(config.dbPoolSizeOr(DEFAULT_SIZE));
        hikari.setMinimumIdle(config.dbPoolSizeOr(DEFAULT_SIZE));
        hikari.setConnectionTimeout(timeoutMillis);
        hikari.setValidationTimeout(Math.max(250, timeoutMillis / 2));
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("ApplicationName", applicationName);
        // Statement and lock waits end at the bound too (SQLSTATE 57014 -> 503) ...
        hikari.addDataSourceProperty("options", "-c statement_timeout=" + timeoutMillis);
        // ... and a silent network never holds a thread forever.
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(timeoutSeconds));
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(timeoutSeconds * 3));
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool = new HikariDataSource(hikari);
        try (Connection probe = pool.getConnection()) {
            LOG.info("Database {} reachable; pool of {}", config.pg().describe(), hikari.getMaximumPoolSize());
        } catch (SQLException e) {
            LOG.warn("Database {} is unreachable at start ({}); answering 503 until it is", config.pg().describe(), e.getMessage());
        }
        return pool;
    }
}
