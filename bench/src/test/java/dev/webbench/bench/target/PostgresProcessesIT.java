package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL as processes: found, pinned (backends forked later included), and its CPU counted. */
class PostgresProcessesIT {
    @Test
    void pinsThePostmasterAndEveryBackendAndCountsTheirCpu() throws Exception {
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            Assumptions.assumeTrue(postgres.provider().equals("embedded"), "only a PostgreSQL the bench starts is pinned");
            PostgresProcesses processes = PostgresProcesses.find(postgres).orElseThrow();
            String cpu = String.valueOf(CpuTopology.allowedCpus().getLast());

            assertThat(processes.pinTo(cpu)).contains(processes.postmasterPid()).hasSizeGreaterThan(1);
            assertThat(PostgresProcesses.affinity(processes.postmasterPid())).isEqualTo(cpu);
            double before = processes.cpuSeconds();
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                long backend;
                try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                    row.next();
                    backend = row.getLong(1);
                }
                assertThat(PostgresProcesses.affinity(backend)).as("a backend forked after pinning").isEqualTo(cpu);
                // About 0.3 s of CPU in this backend: visible at /proc's 10 ms resolution.
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM generate_series(1, 3000000)")) {
                    row.next();
                }
                assertThat(processes.pids()).contains(backend);
            }
            // The backend has exited: its CPU now counts in the postmaster's reaped-children time, not lost.
            Thread.sleep(200);
            assertThat(processes.cpuSeconds() - before).isGreaterThan(0.05);
        }
    }
}
