package dev.webbench.vertx;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
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
 *
 * <p>Budget ({@link #budget}): {@code DB_POOL_SIZE} is the process's connections in all, split over the event loops
 * ({@link #connectionsPerEventLoop}); {@code DB_PIPELINING} is each connection's pipelining limit.
 */
final class Database {
    /**
     * Connections per event loop when {@code DB_POOL_SIZE} is unset (Vert.x's own pool default): the process then
     * holds 4 x event loops connections in all.
     */
    static final int DEFAULT_CONNECTIONS_PER_EVENT_LOOP = 4;
    /**
     * Queries in flight per connection when {@code DB_PIPELINING} is unset (Vert.x's own default, and the
     * TechEmpower Vert.x entries'). The pool fills one connection up to this before opening the next, so it also
     * bounds how many queries can queue behind one slow statement.
     */
    static final int DEFAULT_PIPELINING = 16;
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    /**
     * The process's budget on {@code eventLoops} event loops. Each event loop has a pool of its own (a connection
     * belongs to one event loop), so each needs at least one connection: a {@code DB_POOL_SIZE} below the event
     * loops is raised to one per event loop (logged as a warning by {@link VertxApp}), and the budget says so.
     */
    static DatabaseBudget budget(AppConfig config, int eventLoops) {
        int connections = config.dbPoolSize().isPresent() ? Math.max(config.dbPoolSize().getAsInt(), eventLoops)
                : DEFAULT_CONNECTIONS_PER_EVENT_LOOP * eventLoops;
        boolean configured = config.dbPoolSize().isPresent() || config.dbPipelining().isPresent();
        return new DatabaseBudget(connections, config.dbPipeliningOr(DEFAULT_PIPELINING),
                configured ? DatabaseBudget.Source.CONFIGURED : DatabaseBudget.Source.IMPLEMENTATION_DEFAULT);
    }

    /**
     * {@code connections} over {@code eventLoops} pools as evenly as they go: every pool gets the quotient, and the
     * first {@code connections mod eventLoops} one more (6 over 4: 2, 2, 1, 1).
     */
    static int[] connectionsPerEventLoop(int connections, int eventLoops) {
        if (connections < eventLoops) {
            throw new IllegalArgumentException(connections + " connections cannot give each of " + eventLoops + " event loops one");
        }
        int[] split = new int[eventLoops];
        for (int loop = 0; loop < eventLoops; loop++) {
            split[loop] = connections / eventLoops + (loop < connections % eventLoops ? 1 : 0);
        }
        return split;
    }

    static PgConnectOptions connectOptions(AppConfig config, int pipelining) {
        return new PgConnectOptions()
                .setHost(config.pg().host())
                .setPort(config.pg().port())
                .setDatabase(config.pg().database())
                .setUser(config.pg().user())
                .setPassword(config.pg().password())
                .setPipeliningLimit(pipelining)
                .setCachePreparedStatements(true)
                .addProperty("application_name", VertxApp.NAME)
                .addProperty("statement_timeout", Long.toString(config.dbTimeout().toMillis()))
                // A 201 is sent for a durable commit only.
                .addProperty("synchronous_commit", AppConfig.SYNCHRONOUS_COMMIT);
    }

    /** A pooled client of {@code connections}, each pipelining up to {@code pipelining}, for the calling verticle's event loop. */
    static SqlClient client(Vertx vertx, AppConfig config, int connections, int pipelining) {
        int timeoutMillis = (int) config.dbTimeout().toMillis();
        return PgBuilder.client()
                .with(new PoolOptions()
                        .setMaxSize(connections)
                        .setConnectionTimeout(timeoutMillis)
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true))
                .connectingTo(connectOptions(config, pipelining))
                .using(vertx)
                .build();
    }

    /**
     * Opens and closes one connection to report, at start, whether the database is reachable. It
     * never fails: an unreachable database is logged and the server answers 503 until it is back.
     */
    static Future<Void> probe(Vertx vertx, AppConfig config) {
        return PgConnection.connect(vertx, connectOptions(config, 1))
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
