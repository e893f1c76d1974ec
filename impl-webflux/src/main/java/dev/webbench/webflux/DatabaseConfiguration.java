package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import dev.webbench.config.PgSettings;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The r2dbc-pool over r2dbc-postgresql, built from {@link AppConfig} rather than from {@code spring.r2dbc.*}
 * properties: every wait is bounded by {@code DB_TIMEOUT_MS}, set once here with typed builders.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {
    /** The JDBC implementations' default (HikariCP's advice, cores x 2 + 1), so the pools compare like for like. */
    static final int DEFAULT_POOL_SIZE = AppConfig.DEFAULT_POOL_SIZE;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Closed by Spring (its {@code close()}) after the web server has drained in-flight requests. */
    @Bean
    ConnectionPool connectionPool(AppConfig config) {
        // r2dbc-postgresql sends one statement per connection at a time; DB_PIPELINING above 1 is refused.
        DatabaseBudget budget = DatabaseBudget.oneStatementPerConnection(config, DEFAULT_POOL_SIZE);
        LOG.info(budget.logLine());
        PgSettings pg = config.pg();
        Duration bound = config.dbTimeout();
        PoolConnections connections = new PoolConnections(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(pg.host())
                .port(pg.port())
                .database(pg.database())
                .username(pg.user())
                .password(pg.password())
                .applicationName(WebfluxApp.NAME)
                .connectTimeout(bound)
                // Statement and lock waits end at the bound on the server too (SQLSTATE 57014 -> 503).
                .statementTimeout(bound)
                // A 201 is sent for a durable commit only (AppConfig#SYNCHRONOUS_COMMIT).
                .options(Map.of("synchronous_commit", AppConfig.SYNCHRONOUS_COMMIT))
                .tcpKeepAlive(true)
                .build()), bound);
        int size = budget.connections();
        ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(connections)
                .name(WebfluxApp.NAME + "-db")
                .initialSize(size)
                .maxSize(size)
                .maxAcquireTime(bound)
                // No maxCreateConnectionTime: PoolConnections bounds each attempt and retries (see there why).
                // Checked on every acquire without a round trip: a connection whose socket the server closed
                // (restart, failover) is discarded and replaced, so service recovers by itself.
                .validationDepth(ValidationDepth.LOCAL)
                // The same check on release: a connection closed while in use (a backend terminated, or one Products
                // closed because its statement was cut off) is destroyed at once rather than parked as idle. A failed
                // release handler makes reactor-pool destroy the resource (PoolBuilder#releaseHandler).
                .preRelease(connection -> Mono.from(connection.validate(ValidationDepth.LOCAL))
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("connection closed while in use")))
                        .then())
                .build());
        connections.retryWhile(() -> !pool.isDisposed());
        // Opens the connections now, without blocking start-up; a database that is down is logged (PoolConnections),
        // and the warm-up completes once it is back.
        pool.warmup().subscribe(
                opened -> LOG.info("Database {} reachable; pool of {}", pg.describe(), size),
                error -> LOG.warn("Database {} refused the pool's connections ({})", pg.describe(), error.toString()));
        return pool;
    }

    @Bean
    PoolRefill poolRefill(ConnectionPool pool) {
        return new PoolRefill(pool, PoolRefill.EVERY);
    }
}
