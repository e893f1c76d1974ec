package dev.webbench.webflux;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.sql.SqlStates;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import reactor.pool.PoolShutdownException;

/**
 * Turns R2DBC failures into the contract's, by {@link SqlStates#classify(Throwable, java.util.function.Function,
 * java.util.function.Predicate)}: a foreign-key violation is the client's fault (400), anything that says the database
 * cannot serve now is 503 (Mono.timeout, the pool's acquire timeout, refused or reset connections among them), any
 * other error 500. The whole cause chain is examined, since Reactor and the pool wrap the driver's exceptions.
 */
final class DatabaseErrors {
    private DatabaseErrors() {
    }

    static Throwable classify(Throwable error) {
        return switch (SqlStates.classify(error, DatabaseErrors::sqlState, DatabaseErrors::isConnectionLevel)) {
            case UNKNOWN_BRAND -> new InvalidInputException(Messages.UNKNOWN_BRAND);
            case UNAVAILABLE -> new DatabaseUnavailableException(error);
            case INTERNAL_ERROR -> error;
        };
    }

    private static String sqlState(Throwable failure) {
        return failure instanceof R2dbcException r2dbc ? r2dbc.getSqlState() : null;
    }

    private static boolean isConnectionLevel(Throwable failure) {
        // Cannot connect, connection closed, acquire timed out: none of them is about this request's data.
        // reactor-pool says "Pool has been shut down" with a plain IllegalStateException, which a bug could raise too:
        // the pool's own type is matched instead.
        return failure instanceof R2dbcNonTransientResourceException
                || failure instanceof R2dbcTransientResourceException
                || failure instanceof R2dbcTimeoutException
                || failure instanceof PoolShutdownException;
    }
}
