package dev.webbench.jdbc;

import dev.webbench.contract.Brand;
import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.Product;
import dev.webbench.sql.Query;
import dev.webbench.sql.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The contract's data access over blocking JDBC. Every call does its own round trip (no caching),
 * and failures arrive already classified: {@link InvalidInputException} (400),
 * {@link DatabaseUnavailableException} (503), else an {@link IllegalStateException} (500).
 *
 * <p>An insert is one autocommit {@code INSERT ... RETURNING} round trip: the row is committed when its answer
 * arrives, so a 201 always has its row, and the only window for a lost acknowledgement is that one answer.
 */
public final class JdbcProducts {
    private final DataSource dataSource;

    public JdbcProducts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Brand> brands() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(Query.LIST_BRANDS.jdbc());
             ResultSet rows = statement.executeQuery()) {
            List<Brand> brands = new ArrayList<>(128);
            while (rows.next()) {
                brands.add(new Brand(rows.getInt(1), rows.getString(2)));
            }
            return brands;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public Optional<Product> product(int id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(Query.PRODUCT_BY_ID.jdbc())) {
            statement.setInt(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(product(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public Product create(NewProduct product) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(Query.INSERT_PRODUCT.jdbc())) {
            statement.setString(1, product.productName());
            statement.setInt(2, product.brandId());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return product(rows);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static Product product(ResultSet row) throws SQLException {
        return new Product(row.getInt(1), row.getString(2), row.getInt(3));
    }

    /**
     * The contract's exception for a failed call, by {@link SqlStates#classify(Throwable, java.util.function.Function,
     * java.util.function.Predicate)}. An {@link SQLException} without an SQLSTATE never came from the server: HikariCP
     * raises it for a closed pool, as it raises {@link SQLTransientConnectionException} for a timed-out wait.
     */
    static RuntimeException translate(SQLException e) {
        return switch (SqlStates.classify(e, JdbcProducts::sqlState, JdbcProducts::isConnectionLevel)) {
            case UNKNOWN_BRAND -> new InvalidInputException(Messages.UNKNOWN_BRAND);
            case UNAVAILABLE -> new DatabaseUnavailableException(e);
            case INTERNAL_ERROR -> new IllegalStateException("database error " + e.getSQLState() + ": " + e.getMessage(), e);
        };
    }

    private static String sqlState(Throwable failure) {
        return failure instanceof SQLException sql ? sql.getSQLState() : null;
    }

    private static boolean isConnectionLevel(Throwable failure) {
        return failure instanceof SQLTransientException
                || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLException sql && sql.getSQLState() == null;
    }
}
