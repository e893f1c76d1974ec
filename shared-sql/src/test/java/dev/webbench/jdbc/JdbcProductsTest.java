package dev.webbench.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** How the failures HikariCP and pgjdbc raise reach the contract. */
class JdbcProductsTest {
    @Test
    void aTimedOutPoolWaitIsUnavailable() {
        SQLException waited = new SQLTransientConnectionException("impl-servlet-db - Connection is not available, request timed out after 1000ms");
        assertThat(JdbcProducts.translate(waited)).isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void aClosedPoolIsUnavailable() {
        // HikariDataSource.getConnection() after close(): a plain SQLException without an SQLSTATE.
        assertThat(JdbcProducts.translate(new SQLException("HikariDataSource HikariDataSource (impl-netty-db) has been closed.")))
                .isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void aReadTimeoutOnAFrozenServerIsUnavailable() {
        SQLException io = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
                new SocketTimeoutException("Read timed out"));
        assertThat(JdbcProducts.translate(io)).isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void aReadOnlyServerIsUnavailable() {
        assertThat(JdbcProducts.translate(new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
                .isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void anUnknownBrandIsTheClientsFault() {
        assertThat(JdbcProducts.translate(new PSQLException("violates foreign key constraint", PSQLState.FOREIGN_KEY_VIOLATION)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anotherConstraintIsAServerError() {
        assertThat(JdbcProducts.translate(new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION)))
                .isExactlyInstanceOf(IllegalStateException.class);
        assertThat(JdbcProducts.translate(new SQLException("nextval: reached maximum value of sequence", "2200H")))
                .isExactlyInstanceOf(IllegalStateException.class);
    }
}
