package dev.webbench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    @Test
    void defaultsFollowLibpqAndTheContract() {
        AppConfig config = AppConfig.fromEnv(Map.of("PGUSER", "app"));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.pg()).isEqualTo(new PgSettings("localhost", 5432, "app", "app", ""));
        assertThat(config.dbPoolSize()).isEmpty();
        assertThat(config.dbPoolSizeOr(7)).isEqualTo(7);
        assertThat(config.dbPipelining()).isEmpty();
        assertThat(config.dbPipeliningOr(16)).isEqualTo(16);
        assertThat(config.threadModel()).isEqualTo(ThreadModel.VIRTUAL);
        assertThat(config.dbTimeout()).isEqualTo(AppConfig.DEFAULT_DB_TIMEOUT);
    }

    @Test
    void everyVariableIsRead() {
        AppConfig config = AppConfig.fromEnv(Map.of(
                "PORT", "9000", "PGHOST", "db.example", "PGPORT", "6543", "PGDATABASE", "products",
                "PGUSER", "bench", "PGPASSWORD", "secret", "DB_POOL_SIZE", "12", "DB_PIPELINING", "8", "DB_TIMEOUT_MS", "750",
                "THREAD_MODEL", "Platform"));
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.pg().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/products");
        assertThat(config.pg().password()).isEqualTo("secret");
        assertThat(config.dbPoolSizeOr(3)).isEqualTo(12);
        assertThat(config.dbPipeliningOr(16)).isEqualTo(8);
        assertThat(config.describe()).contains("pool=12 pipelining=8");
        assertThat(config.dbTimeout().toMillis()).isEqualTo(750);
        assertThat(config.threadModel()).isEqualTo(ThreadModel.PLATFORM);
        assertThat(config.describe()).doesNotContain("secret");
        assertThat(AppConfig.fromEnv(config.pg().asEnvironment()).pg()).as("round trip through the environment").isEqualTo(config.pg());
    }

    @Test
    void badValuesAreRejectedWithTheVariableName() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PORT", "eighty"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PORT", "70000"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DB_POOL_SIZE", "0"))).hasMessageContaining("DB_POOL_SIZE");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DB_POOL_SIZE", "1001"))).hasMessageContaining("DB_POOL_SIZE");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DB_PIPELINING", "0"))).hasMessageContaining("DB_PIPELINING must be in 1..256");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DB_PIPELINING", "257"))).hasMessageContaining("DB_PIPELINING must be in 1..256");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DB_PIPELINING", "lots"))).hasMessageContaining("DB_PIPELINING must be an integer");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("DB_TIMEOUT_MS", "10"))).hasMessageContaining("DB_TIMEOUT_MS");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("THREAD_MODEL", "green"))).hasMessageContaining("THREAD_MODEL");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PGPORT", "0"))).hasMessageContaining("PGPORT");
    }
}
