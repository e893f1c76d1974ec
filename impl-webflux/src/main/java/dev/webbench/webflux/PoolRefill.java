package dev.webbench.webflux;

import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the pool at its size. reactor-pool opens its minimum only in {@code warmup()}; afterwards it opens
 * connections one acquire at a time and never replaces those it destroyed (a backend terminated, a restart, a
 * connection {@link Products} closed), so the pool would run below its size after every fault, growing back only as
 * far as the load pushes it. Warming up again every {@link #EVERY} refills it: a no-op while the pool is full or its
 * missing connections are still being opened ({@link PoolConnections} retries those until the database is back).
 *
 * <p>Spring closes it (AutoCloseable) before the pool it depends on.
 */
final class PoolRefill implements AutoCloseable {
    /** The JDBC implementations reconnect at the same pace (shared-sql's PoolConnections). */
    static final Duration EVERY = Duration.ofMillis(100);

    private final Disposable refill;

    PoolRefill(ConnectionPool pool, Duration every) {
        this.refill = Flux.interval(every)
                .onBackpressureDrop()
                .concatMap(tick -> pool.warmup().onErrorResume(unavailable -> Mono.empty()), 0)
                .subscribe();
    }

    @Override
    public void close() {
        refill.dispose();
    }
}
