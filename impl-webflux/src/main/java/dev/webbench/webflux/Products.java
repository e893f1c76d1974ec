package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import dev.webbench.contract.Brand;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.Product;
import dev.webbench.sql.Query;
import io.netty.util.ReferenceCounted;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contract's data access over R2DBC. Every call does its own round trip (no caching) and fails already
 * classified by {@link DatabaseErrors}. The wait for a pooled connection and the statement are each bounded by
 * {@code DB_TIMEOUT_MS}, here and on the server (DatabaseConfiguration).
 *
 * <p>An insert is one autocommit {@code INSERT ... RETURNING}: a 201 is sent only for a row the database committed.
 */
@Component
final class Products {
    /**
     * How long a statement may run past {@code statement_timeout} before this side stops waiting: the server's own
     * cancellation (SQLSTATE 57014, the connection stays usable) must arrive first, so the bound here only ends
     * statements on a server that no longer answers. As in shared-sql's JdbcPool.
     */
    static final Duration STATEMENT_TIMEOUT_GRACE = Duration.ofMillis(500);

    private final ConnectionPool pool;
    private final Duration acquireBound;
    private final Duration statementBound;
    private final Duration callBound;

    Products(ConnectionPool pool, AppConfig config) {
        this.pool = pool;
        this.acquireBound = config.dbTimeout();
        this.statementBound = config.dbTimeout().plus(STATEMENT_TIMEOUT_GRACE);
        this.callBound = config.dbTimeout().multipliedBy(2);
    }

    Mono<List<Brand>> brands() {
        return query(connection -> rows(connection.createStatement(Query.LIST_BRANDS.postgres()),
                row -> new Brand(row.get(0, Integer.class), row.get(1, String.class))).collectList());
    }

    /** Empty when no row has this id. */
    Mono<Product> product(int id) {
        return query(connection -> rows(connection.createStatement(Query.PRODUCT_BY_ID.postgres()).bind(0, id), Products::product)
                .singleOrEmpty());
    }

    Mono<Product> create(NewProduct product) {
        return query(connection -> rows(connection.createStatement(Query.INSERT_PRODUCT.postgres())
                        .bind(0, product.productName())
                        .bind(1, product.brandId()), Products::product)
                .single());
    }

    private static <T> Flux<T> rows(Statement statement, Function<Readable, T> row) {
        return Flux.from(statement.execute()).flatMap(result -> result.map(row::apply));
    }

    private static Product product(Readable row) {
        return new Product(row.get(0, Integer.class), row.get(1, String.class), row.get(2, Integer.class));
    }

    /**
     * Runs one statement on a pooled connection: the wait for the connection bounded by {@code DB_TIMEOUT_MS}, the
     * statement by {@link #statementBound} and by what is left of twice the timeout, so an answer comes within twice
     * the timeout whatever the database does. reactor-pool's {@code maxAcquireTime} bounds only a wait for a connection in use, not one for a
     * connection being opened (the database down or frozen), hence the first bound here; a cancelled borrower's
     * connection still goes to the pool when it opens.
     *
     * <p>A statement cut off by its bound is still running on its connection (on a server that went silent, or one that
     * has not yet cancelled it by its own {@code statement_timeout}): the next borrower would queue behind it. That connection is closed instead of given back, and the pool's release check
     * (DatabaseConfiguration) destroys it. A statement cancelled because its client went away is left to the driver,
     * which drains its answer before the connection's next conversation.
     *
     * <p>doOnDiscard: a query is cancelled half-way whenever its client goes away (or the bound fires). The driver then
     * drains the rest of the response, but rows still queued inside its result pipeline are dropped through Reactor's
     * discard hook of <em>our</em> subscriber's context, where none was set, so they were never released (Netty: "LEAK:
     * DataRow.release() was not called"). Set here, the hook is in the context of everything upstream and releases them;
     * rows that reach the mapping function are released by the driver as before.
     */
    private <T> Mono<T> query(Function<Connection, Mono<T>> statement) {
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + callBound.toNanos();
            return Mono.usingWhen(pool.create().timeout(acquireBound),
                    connection -> statement.apply(connection).timeout(statementBound(deadline)),
                    Connection::close,
                    (connection, error) -> error instanceof TimeoutException ? discard(connection) : connection.close(),
                    Connection::close);
        })
                .onErrorMap(DatabaseErrors::classify)
                .doOnDiscard(ReferenceCounted.class, Products::release);
    }

    private Duration statementBound(long deadline) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return left.compareTo(statementBound) < 0 ? left : statementBound;
    }

    private static Mono<Void> discard(Connection pooled) {
        Connection physical = pooled;
        while (physical instanceof Wrapped<?> wrapper && wrapper.unwrap() instanceof Connection inner) {
            physical = inner;
        }
        // Closing sends Terminate and drops the socket without waiting for the server; the bound is a safety net, so
        // that the pooled connection is always given back.
        return Mono.from(physical.close()).timeout(Duration.ofSeconds(1)).onErrorComplete()
                .then(Mono.from(pooled.close()))
                .onErrorComplete();
    }

    // A row the driver already released on its own cancel path can be discarded again: release only once.
    private static void release(ReferenceCounted discarded) {
        if (discarded.refCnt() > 0) {
            discarded.release();
        }
    }
}
