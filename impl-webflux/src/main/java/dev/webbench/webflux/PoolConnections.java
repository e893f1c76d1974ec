package dev.webbench.webflux;

import dev.webbench.contract.DatabaseUnavailableException;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * r2dbc-postgresql's connection factory as the pool's source of connections: each attempt bounded by the database
 * timeout (a frozen server accepts TCP and then never answers the startup), and an attempt that fails because the
 * database is unavailable tried again every {@link #RECONNECT_PAUSE} until it succeeds or the pool closes.
 *
 * <p>Why the pool's own bound ({@code maxCreateConnectionTime}) is not used instead: a failed allocation inside
 * reactor-pool's {@code warmup()} makes it cancel the sibling allocations it merged, and the cancelled ones never give
 * their permits back; the pool then believes itself full with fewer connections (one, in the measurement that found
 * it, for good). An allocation that does not fail until the database is back has no such path. Requests never wait on
 * it longer than {@code maxAcquireTime}: a borrower that gives up leaves the allocation to finish into the pool.
 */
final class PoolConnections implements ConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PoolConnections.class);
    /** Between two attempts while the database is unavailable; shared-sql's JDBC pool keeps the same pace. */
    static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

    private final ConnectionFactory postgres;
    private final Duration attemptBound;
    private volatile BooleanSupplier poolOpen = () -> true;

    PoolConnections(ConnectionFactory postgres, Duration attemptBound) {
        this.postgres = postgres;
        this.attemptBound = attemptBound;
    }

    /** Stops reconnecting once this says the pool has closed. */
    void retryWhile(BooleanSupplier open) {
        this.poolOpen = open;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.defer(() -> Mono.<Connection>from(postgres.create()).timeout(attemptBound))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, RECONNECT_PAUSE)
                        .filter(failure -> poolOpen.getAsBoolean() && isUnavailable(failure))
                        .doBeforeRetry(retry -> {
                            if (retry.totalRetries() == 0) {
                                LOG.warn("Database unavailable ({}); connecting again every {} ms", retry.failure().toString(), RECONNECT_PAUSE.toMillis());
                            }
                        })
                        .onRetryExhaustedThrow((spec, retry) -> retry.failure()));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return postgres.getMetadata();
    }

    private static boolean isUnavailable(Throwable failure) {
        return DatabaseErrors.classify(failure) instanceof DatabaseUnavailableException;
    }
}
