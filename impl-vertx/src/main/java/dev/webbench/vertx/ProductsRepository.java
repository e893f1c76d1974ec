package dev.webbench.vertx;

import dev.webbench.contract.Brand;
import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.Product;
import dev.webbench.sql.Query;
import dev.webbench.sql.SqlStates;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The contract's data access over the reactive client. Every call does its own round trip (no
 * caching); failures arrive classified: {@link InvalidInputException} (400),
 * {@link DatabaseUnavailableException} (503), else 500.
 *
 * <p>{@code DB_TIMEOUT_MS} bounds getting a connection (the pool) and running the statement (the
 * server's {@code statement_timeout}), as in the JDBC implementations. A statement that cannot
 * time out on the server, because the network or the server went silent, is cut here after both
 * budgets: a request never waits longer than twice {@code DB_TIMEOUT_MS} for the database.
 */
final class ProductsRepository {
    private final SqlClient client;
    private final long timeoutMillis;

    ProductsRepository(SqlClient client, Duration dbTimeout) {
        this.client = client;
        this.timeoutMillis = 2 * dbTimeout.toMillis();
    }

    Future<List<Brand>> brands() {
        return run(client.preparedQuery(Query.LIST_BRANDS.postgres()).execute())
                .map(rows -> {
                    List<Brand> brands = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        brands.add(new Brand(row.getInteger(0), row.getString(1)));
                    }
                    return brands;
                });
    }

    Future<Optional<Product>> product(int id) {
        return run(client.preparedQuery(Query.PRODUCT_BY_ID.postgres()).execute(Tuple.of(id)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(product(rows.iterator().next())));
    }

    Future<Product> create(NewProduct product) {
        return run(client.preparedQuery(Query.INSERT_PRODUCT.postgres()).execute(Tuple.of(product.productName(), product.brandId())))
                .map(rows -> product(rows.iterator().next()));
    }

    private static Product product(Row row) {
        return new Product(row.getInteger(0), row.getString(1), row.getInteger(2));
    }

    /** Bounds a query by the request's whole database budget and classifies how it failed. */
    private Future<RowSet<Row>> run(Future<RowSet<Row>> query) {
        return query.timeout(timeoutMillis, TimeUnit.MILLISECONDS).recover(ProductsRepository::classify);
    }

    /**
     * By {@link SqlStates#classify(Throwable, java.util.function.Function, java.util.function.Predicate)}. Without
     * an SQLSTATE, a {@link VertxException} is connection-level: refused or reset, closed while in use, no pooled
     * connection in time, the pool closed, and this request's own bound.
     */
    private static <T> Future<T> classify(Throwable failure) {
        return Future.failedFuture(switch (SqlStates.classify(failure, ProductsRepository::sqlState, VertxException.class::isInstance)) {
            case UNKNOWN_BRAND -> new InvalidInputException(Messages.UNKNOWN_BRAND);
            case UNAVAILABLE -> new DatabaseUnavailableException(failure);
            case INTERNAL_ERROR -> new IllegalStateException("database error " + sqlState(failure) + ": " + failure.getMessage(), failure);
        });
    }

    private static String sqlState(Throwable failure) {
        return failure instanceof DatabaseException database ? database.getSqlState() : null;
    }
}
