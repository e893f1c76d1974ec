package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import dev.webbench.contract.Brand;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.Product;
import dev.webbench.sql.Query;
import io.netty.util.ReferenceCounted;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The contract's data access over R2DBC. Every call does its own round trip (no caching) and fails already
 * classified by {@link DatabaseErrors}. The wait for a pooled connection and the statement are each bounded by
 * {@code DB_TIMEOUT_MS} (DatabaseConfiguration); their sum bounds the whole call whatever the driver and pool do.
 */
@Component
final class Products {
    private final DatabaseClient db;
    private final Duration bound;

    Products(DatabaseClient db, AppConfig config) {
        this.db = db;
        this.bound = config.dbTimeout().multipliedBy(2);
    }

    Mono<List<Brand>> brands() {
        return db.sql(Query.LIST_BRANDS.postgres())
                .map(row -> new Brand(row.get(0, Integer.class), row.get(1, String.class)))
                .all()
                .collectList()
                .transform(this::bounded);
    }

    /** Empty when no row has this id. */
    Mono<Product> product(int id) {
        return db.sql(Query.PRODUCT_BY_ID.postgres())
                .bind(0, id)
                .map(row -> product(row))
                .one()
                .transform(this::bounded);
    }

    Mono<Product> create(NewProduct product) {
        return db.sql(Query.INSERT_PRODUCT.postgres())
                .bind(0, product.productName())
                .bind(1, product.brandId())
                .map(row -> product(row))
                .one()
                .transform(this::bounded);
    }

    private static Product product(Readable row) {
        return new Product(row.get(0, Integer.class), row.get(1, String.class), row.get(2, Integer.class));
    }

    // The last bound, so that a request never hangs on the database (a silent network, a driver that never answers).
    //
    // doOnDiscard: a query is cancelled half-way whenever its client goes away (or this timeout fires). The
    // driver then drains the rest of the response, but rows still queued inside its result pipeline are
    // dropped through Reactor's discard hook of *our* subscriber's context, where none was set, so they were
    // never released (Netty: "LEAK: DataRow.release() was not called"). Set here, the hook is in the context
    // of everything upstream and releases them; rows that reach map() are released by the driver as before.
    private <T> Mono<T> bounded(Mono<T> query) {
        return query.timeout(bound)
                .onErrorMap(DatabaseErrors::classify)
                .doOnDiscard(ReferenceCounted.class, Products::release);
    }

    // A row the driver already released on its own cancel path can be discarded again: release only once.
    private static void release(ReferenceCounted discarded) {
        if (discarded.refCnt() > 0) {
            discarded.release();
        }
    }
}
