package dev.webbench.sql;

/**
 * How the contract maps PostgreSQL error codes (SQLSTATE) to HTTP. Every implementation uses this
 * one classification, whatever its driver's exception type.
 */
public final class SqlStates {
    /** {@code foreign_key_violation}: e.g. a product for a brand that does not exist, answered with 400. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private SqlStates() {
    }

    /**
     * True when the database cannot serve right now and the request deserves 503: connection
     * failures (class 08), shutdown or restart (57P0x), a statement or lock timeout (57014, 55P03),
     * and resource exhaustion (class 53).
     */
    public static boolean isUnavailable(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08")
                || sqlState.startsWith("53")
                || sqlState.startsWith("57P0")
                || sqlState.equals("57014")
                || sqlState.equals("55P03");
    }
}
