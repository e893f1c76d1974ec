package dev.webbench.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.sql.SqlStates.Verdict;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlStatesTest {
    private static final Function<Throwable, String> JDBC_STATE = failure -> failure instanceof SQLException sql ? sql.getSQLState() : null;
    private static final Predicate<Throwable> NONE_CONNECTION_LEVEL = failure -> false;

    @ParameterizedTest(name = "{0} ({2}) -> {1}")
    @CsvSource({
            "23503, UNKNOWN_BRAND,  foreign_key_violation",
            "25006, UNAVAILABLE,    read_only_sql_transaction",
            "53300, UNAVAILABLE,    too_many_connections",
            "53100, UNAVAILABLE,    disk_full",
            "57P01, UNAVAILABLE,    admin_shutdown",
            "57P02, UNAVAILABLE,    crash_shutdown",
            "57P03, UNAVAILABLE,    cannot_connect_now",
            "08006, UNAVAILABLE,    connection_failure",
            "08001, UNAVAILABLE,    sqlclient_unable_to_establish_sqlconnection",
            "57014, UNAVAILABLE,    query_canceled (statement_timeout)",
            "55P03, UNAVAILABLE,    lock_not_available (lock_timeout)",
            "40001, UNAVAILABLE,    serialization_failure",
            "40P01, UNAVAILABLE,    deadlock_detected",
            "23505, INTERNAL_ERROR, unique_violation",
            "23514, INTERNAL_ERROR, check_violation",
            "23502, INTERNAL_ERROR, not_null_violation",
            "2200H, INTERNAL_ERROR, sequence_generator_limit_exceeded",
            "42P01, INTERNAL_ERROR, undefined_table",
            "XX000, INTERNAL_ERROR, internal_error",
    })
    void eachStateHasOneVerdict(String sqlState, Verdict verdict, String name) {
        assertThat(SqlStates.classify(sqlState)).isEqualTo(verdict);
    }

    @Test
    void unavailableNeedsAState() {
        assertThat(SqlStates.isUnavailable(null)).isFalse();
        assertThat(SqlStates.classify((String) null)).isEqualTo(Verdict.INTERNAL_ERROR);
    }

    @Test
    void theFirstStateInTheCauseChainDecides() {
        SQLException readOnly = new SQLException("cannot execute INSERT in a read-only transaction", "25006");
        RuntimeException wrapped = new RuntimeException("framework wrapper", readOnly);
        assertThat(SqlStates.classify(wrapped, JDBC_STATE, NONE_CONNECTION_LEVEL)).isEqualTo(Verdict.UNAVAILABLE);

        SQLException unique = new SQLException("duplicate key", "23505", new SocketException("reset"));
        assertThat(SqlStates.classify(unique, JDBC_STATE, NONE_CONNECTION_LEVEL)).isEqualTo(Verdict.INTERNAL_ERROR);

        SQLException foreignKey = new SQLException("violates foreign key constraint", "23503");
        assertThat(SqlStates.classify(new IllegalStateException(foreignKey), JDBC_STATE, NONE_CONNECTION_LEVEL))
                .isEqualTo(Verdict.UNKNOWN_BRAND);
    }

    @Test
    void withoutAStateTransportFailuresAreUnavailable() {
        assertThat(SqlStates.classify(new RuntimeException(new SocketException("Connection reset")), JDBC_STATE, NONE_CONNECTION_LEVEL))
                .isEqualTo(Verdict.UNAVAILABLE);
        assertThat(SqlStates.classify(new EOFException(), JDBC_STATE, NONE_CONNECTION_LEVEL)).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(SqlStates.classify(new TimeoutException("Did not observe any item"), JDBC_STATE, NONE_CONNECTION_LEVEL))
                .isEqualTo(Verdict.UNAVAILABLE);
    }

    @Test
    void theDriverSaysWhichOfItsExceptionsAreConnectionLevel() {
        class ConnectionClosed extends RuntimeException {
        }
        assertThat(SqlStates.classify(new ConnectionClosed(), JDBC_STATE, failure -> failure instanceof ConnectionClosed))
                .isEqualTo(Verdict.UNAVAILABLE);
        assertThat(SqlStates.classify(new ConnectionClosed(), JDBC_STATE, NONE_CONNECTION_LEVEL)).isEqualTo(Verdict.INTERNAL_ERROR);
    }

    @Test
    void aBugIsNotAnOutage() {
        assertThat(SqlStates.classify(new IllegalArgumentException("bad column index"), JDBC_STATE, NONE_CONNECTION_LEVEL))
                .isEqualTo(Verdict.INTERNAL_ERROR);
    }
}
