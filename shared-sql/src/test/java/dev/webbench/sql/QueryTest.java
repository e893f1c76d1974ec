package dev.webbench.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTest {
    @Test
    void jdbcFormReplacesEveryPositionalParameter() {
        assertThat(Query.INSERT_PRODUCT.postgres()).contains("$1", "$2");
        assertThat(Query.INSERT_PRODUCT.jdbc())
                .isEqualTo("INSERT INTO product (product_name, brand_id) VALUES (?, ?) RETURNING product_id, product_name, brand_id");
        assertThat(Query.LIST_BRANDS.jdbc()).isEqualTo(Query.LIST_BRANDS.postgres());
    }

    @Test
    void unavailableStatesAreConnectionShutdownAndTimeouts() {
        assertThat(SqlStates.isUnavailable("08006")).isTrue();
        assertThat(SqlStates.isUnavailable("57P01")).isTrue();
        assertThat(SqlStates.isUnavailable("57014")).isTrue();
        assertThat(SqlStates.isUnavailable(SqlStates.FOREIGN_KEY_VIOLATION)).isFalse();
        assertThat(SqlStates.isUnavailable("42P01")).isFalse();
        assertThat(SqlStates.isUnavailable(null)).isFalse();
    }
}
