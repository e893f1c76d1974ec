package dev.webbench.webflux;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.sql.SqlStates;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns R2DBC failures into the contract's: a foreign-key violation is the client's fault (400), anything
 * that says the database cannot serve now is 503. Spring's DatabaseClient wraps R2DBC exceptions in its own
 * DataAccessException, so the whole cause chain is examined.
 */
final class DatabaseErrors {
    private DatabaseErrors() {
    }

    static Throwable classify(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc) {
                if (SqlStates.FOREIGN_KEY_VIOLATION.equals(r2dbc.getSqlState())) {
                    return new InvalidInputException(Messages.UNKNOWN_BRAND);
                }
                if (SqlStates.isUnavailable(r2dbc.getSqlState()) || isConnectionLevel(r2dbc)) {
                    return new DatabaseUnavailableException(error);
                }
            }
            // Mono.timeout, the pool's acquire timeout, refused or reset connections.
            if (cause instanceof TimeoutException || cause instanceof IOException) {
                return new DatabaseUnavailableException(error);
            }
        }
        return error;
    }

    private static boolean isConnectionLevel(R2dbcException error) {
        // Cannot connect, connection closed, acquire timed out: none of them is about this request's data.
        return error instanceof R2dbcNonTransientResourceException
                || error instanceof R2dbcTransientResourceException
                || error instanceof R2dbcTimeoutException;
    }
}
