package dev.webbench.sql;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the contract maps a failed database call to HTTP. Every implementation uses this one classification,
 * whatever its driver's exception type: it tells this class how to read an SQLSTATE off its exceptions and which
 * of them mean the connection itself failed ({@link #classify(Throwable, Function, Predicate)}).
 */
public final class SqlStates {
    /** {@code foreign_key_violation}: e.g. a product for a brand that does not exist, answered with 400. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** {@code read_only_sql_transaction}: a standby, or {@code default_transaction_read_only}: 503. */
    public static final String READ_ONLY_TRANSACTION = "25006";
    /** {@code too_many_connections}: the server's connection table is full: 503. */
    public static final String TOO_MANY_CONNECTIONS = "53300";
    /** {@code cannot_connect_now}: the server is starting up or shutting down. */
    public static final String CANNOT_CONNECT_NOW = "57P03";

    /**
     * Single states that mean "not now" rather than "not this": a statement cancelled by {@code statement_timeout}
     * (57014), a lock not granted within {@code lock_timeout} (55P03), a read-only server (25006), and a statement
     * rolled back as a serialization failure or a deadlock victim (40001, 40P01), which the same request may
     * pass when sent again.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("57014", "55P03", READ_ONLY_TRANSACTION, "40001", "40P01");

    private SqlStates() {
    }

    /** What a failed call means for the request. */
    public enum Verdict {
        /** 400: the request named a brand that does not exist; nothing was written. */
        UNKNOWN_BRAND,
        /** 503: the database cannot serve now; for an insert, the row may or may not exist. */
        UNAVAILABLE,
        /** 500: the database refused the statement for a reason no retry fixes; nothing was written. */
        INTERNAL_ERROR
    }

    /**
     * True when the database cannot serve right now and the request deserves 503: connection failures (class 08),
     * resource exhaustion (class 53, 53300 among them), administrator or crash shutdown and a server not yet
     * accepting connections (57P01..57P05), and the single states of {@link #TRANSIENT_STATES}.
     */
    public static boolean isUnavailable(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08")
                || sqlState.startsWith("53")
                || sqlState.startsWith("57P0")
                || TRANSIENT_STATES.contains(sqlState);
    }

    /**
     * The verdict for an error the database reported with this SQLSTATE. Anything it does not know to be transient
     * is a 500: a unique, check or not-null violation (23505, 23514, 23502), a sequence at its limit (2200H), an
     * undefined table. Each failed as a whole, so nothing was written.
     */
    public static Verdict classify(String sqlState) {
        if (FOREIGN_KEY_VIOLATION.equals(sqlState)) {
            return Verdict.UNKNOWN_BRAND;
        }
        return isUnavailable(sqlState) ? Verdict.UNAVAILABLE : Verdict.INTERNAL_ERROR;
    }

    /**
     * The verdict for a driver's failure, reading its whole cause chain (pools and frameworks wrap the driver's
     * exception). The first SQLSTATE found decides. Without one, the database never answered: a timeout, an I/O
     * error, or a failure the driver reports as connection-level ({@code connectionLevel}: closed, reset, pool
     * closed) is 503, since a statement sent before it may have committed; anything else is 500.
     *
     * @param sqlState the SQLSTATE a driver exception carries, null for other throwables and for none
     * @param connectionLevel true for the driver's own exceptions that say the connection or pool failed
     */
    public static Verdict classify(Throwable failure, Function<Throwable, String> sqlState, Predicate<Throwable> connectionLevel) {
        boolean transport = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = sqlState.apply(cause);
            if (state != null) {
                return classify(state);
            }
            transport |= cause instanceof IOException || cause instanceof TimeoutException || connectionLevel.test(cause);
        }
        return transport ? Verdict.UNAVAILABLE : Verdict.INTERNAL_ERROR;
    }
}
