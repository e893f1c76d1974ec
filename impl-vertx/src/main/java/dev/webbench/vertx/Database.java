package dev.webbench.vertx;

import dev.webbench.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reactive PostgreSQL client of one event loop, with every wait bounded by
 * {@link AppConfig#dbTimeout()}: the TCP connect, the wait for a pooled connection, and the
 * statement itself on the server ({@code statement_timeout}, SQLSTATE 57014 then means 503).
 *
 * <p>{@code PgBuilder.client()} is the pool that pipelines: {@code PgBuilder.pool()} leases each
 * connection to one query at a time and would ignore the pipelining limit.
 */
final class Database {
    /**
     * Connections per event loop when {@code DB_POOL_SIZE} is unset (Vert.x's own pool default);
     * the process holds {@code DB_POOL_SIZE x event loops} connections in all.
     */
    static final int DEFAULT_POOL_SIZE_PER_EVENT_LOOP = 4;
    /**
     * Queries in flight per connection. The pool fills one connection up to this before opening
     * the next, so it also bounds how many queries can queue behind one slow statement.
     */
    static final int PIPELINING_LIMIT = 16;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    static PgConnectOptions connectOptions(AppConfig config) {
        return new PgConnectOptions()
                .setHost(config.pg().host())
                .setPort(config.pg().port())
                .setDatabase(config.pg().database())
                .setUser(config.pg().user())
                .setPassword(config.pg().password())
                .setPipeliningLimit(PIPELINING_LIMIT)
                .setCachePreparedStatements(true)
                .addProperty("application_name", VertxApp.NAME)
                .addProperty("statement_timeout", Long.toString(config.dbTimeout().toMillis()))
                // A 201 is sent for a durable commit only.
                .addProperty("synchronous_commit", AppConfig.SYNCHRONOUS_COMMIT);
    }

    /** A pipelined, pooled client for the calling verticle's event loop. */
    static SqlClient client(Vertx vertx, AppConfig config) {
        int timeoutMillis = (int) config.dbTimeout().toMillis();
        return PgBuilder.client()
                .with(new PoolOptions()
                        .setMaxSize(config.dbPoolSizeOr(DEFAULT_POOL_SIZE_PER_EVENT_LOOP))
                        .setConnectionTimeout(timeoutMillis)
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true))
                .connectingTo(connectOptions(config))
                .using(vertx)
                .build();
    }

    /**
     * Opens and closes one connection to report, at start, whether the database is reachable. It
     * never fails: an unreachable database is logged and the server answers 503 until it is back.
     */
    static Future<Void> probe(Vertx vertx, AppConfig config) {
        return PgConnection.connect(vertx, connectOptions(config))
                .timeout(config.dbTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .compose(connection -> connection.close())
                .onSuccess(closed -> LOG.info("Database {} reachable", config.pg().describe()))
                .recover(failure -> {
                    LOG.warn("Database {} is unreachable at start ({}); answering 503 until it is",
                            config.pg().describe(), failure.toString());
                    return Future.succeededFuture();
                });
    }
}
