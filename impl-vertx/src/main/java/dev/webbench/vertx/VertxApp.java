package dev.webbench.vertx;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import dev.webbench.contract.Limits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: one {@link Vertx} with one {@link HttpVerticle} per event loop and one
 * {@link CounterBroadcast}. {@link Main} and the conformance kit both start it through {@link #start}.
 *
 * <p>A database that is down at start does not stop the start: it is logged as a warning, requests
 * that need it answer 503 meanwhile, and the pools connect by themselves once it is up.
 */
public final class VertxApp implements AutoCloseable {
    public static final String NAME = "impl-vertx";
    /** One event loop, and so one HTTP verticle and one pool (its share of {@code DB_POOL_SIZE}), per core. */
    static final int EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
    /** How long {@link #close()} waits, beyond the HTTP grace period, for the rest to close. */
    private static final long CLOSE_MARGIN_MILLIS = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(VertxApp.class);

    private final Vertx vertx;
    private final String httpDeployment;
    private final URI uri;

    private VertxApp(Vertx vertx, String httpDeployment, int port) {
        this.vertx = vertx;
        this.httpDeployment = httpDeployment;
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Starts Vert.x, the counter and the HTTP verticles; on failure everything started is closed again. */
    public static Future<VertxApp> start(AppConfig config) {
        return start(config, EVENT_LOOPS);
    }

    /** {@link #start(AppConfig)} on {@code eventLoops} event loops (a test's choice, independent of the machine's cores). */
    static Future<VertxApp> start(AppConfig config, int eventLoops) {
        DatabaseBudget budget = Database.budget(config, eventLoops);
        int[] connections = Database.connectionsPerEventLoop(budget.connections(), eventLoops);
        if (config.dbPoolSize().isPresent() && config.dbPoolSize().getAsInt() < eventLoops) {
            LOG.warn("DB_POOL_SIZE={} raised to {}: each of the {} event loops needs a connection of its own",
                    config.dbPoolSize().getAsInt(), budget.connections(), eventLoops);
        }
        LOG.info(budget.logLine());
        LOG.info("Connections per event loop: {}", Arrays.toString(connections));
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(eventLoops));
        if (!vertx.isNativeTransportEnabled()) {
            LOG.warn("Native transport unavailable, using NIO: {}", String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
        AtomicInteger share = new AtomicInteger();
        return Database.probe(vertx, config)
                .compose(reachable -> vertx.deployVerticle(new CounterBroadcast()))
                .compose(counter -> vertx.deployVerticle(() -> {
                    // One instance per event loop (Vert.x gives instances event loops round-robin), each with its share.
                    HttpVerticle verticle = new HttpVerticle(config, connections[share.getAndIncrement()], budget.pipelining());
                    verticles.add(verticle);
                    return verticle;
                }, new DeploymentOptions().setInstances(eventLoops)))
                .map(deployment -> new VertxApp(vertx, deployment, verticles.getFirst().actualPort()))
                .onSuccess(app -> LOG.info("{} listening on {} ({}, event loops={}, native transport={})",
                        NAME, app.uri, config.describe(), eventLoops, vertx.isNativeTransportEnabled()))
                .onFailure(failure -> vertx.close());
    }

    public URI uri() {
        return uri;
    }

    /**
     * Graceful stop, waiting for it (call from a thread that is not Vert.x's own: the shutdown hook,
     * a test). The HTTP verticles go first: in-flight requests finish, WebSockets close with 1001,
     * each pool closes. Then the counter and Vert.x itself.
     */
    @Override
    public void close() {
        try {
            vertx.undeploy(httpDeployment).await(Limits.SHUTDOWN_GRACE_MILLIS + CLOSE_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("HTTP verticles did not stop cleanly: {}", e.toString());
        }
        try {
            vertx.close().await(CLOSE_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
            LOG.info("{} stopped", NAME);
        } catch (TimeoutException e) {
            LOG.warn("Vert.x did not close within {} ms", CLOSE_MARGIN_MILLIS);
        }
    }
}
