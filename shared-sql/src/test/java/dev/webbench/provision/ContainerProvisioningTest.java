package dev.webbench.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs only where a Docker engine answers; elsewhere JUnit reports it skipped, in about half a second. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerProvisioningTest {
    @Test
    void containerServerSeeds() throws SQLException {
        try (Postgres pg = PostgresProvisioner.container()) {
            assertThat(pg.provider()).isEqualTo("testcontainers");
            PostgresProvisioner.seed(pg);
            ProvisioningTest.assertSeeded(pg);
        }
    }
}
