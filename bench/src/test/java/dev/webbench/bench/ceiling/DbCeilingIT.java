package dev.webbench.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.target.CpuTopology;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database ceiling's child JVM, pinned, against a real PostgreSQL: blocking JDBC and pipelined. */
class DbCeilingIT {
    @Test
    void theChildMeasuresQueriesAtABlockingAndAPipelinedBudget(@TempDir Path logs) {
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            PostgresProvisioner.seed(postgres);
            String cpu = String.valueOf(CpuTopology.allowedCpus().getFirst());
            for (DbCeiling.Shape shape : List.of(new DbCeiling.Shape(2, 1), new DbCeiling.Shape(1, 8))) {
                DbCeiling ceiling = new DbCeiling(postgres.settings(), shape, cpu, logs.resolve(shape.ceilingName() + ".log"));

                Results.Measurement m = ceiling.measure(Duration.ofSeconds(1), Duration.ofSeconds(2), 1, 1);
                System.out.printf("%s: %.0f queries/s, %.2f s of the child's CPU%n", m.target(), m.requestsPerSecond(), m.loadCpuSeconds());

                assertThat(m.target()).isEqualTo(Results.dbCeilingName(shape.connections(), shape.pipelining()));
                assertThat(m.ok()).as(shape + ", see " + ceiling.log()).isTrue();
                assertThat(m.requests()).isGreaterThan(0);
                assertThat(m.errors().total()).isZero();
                assertThat(m.requestsPerSecond()).isGreaterThan(0);
                assertThat(m.durationSeconds()).as("counted after the warm-up and the connections").isBetween(1.9, 2.9);
                assertThat(m.loadCpuSeconds()).as("the child's own CPU").isGreaterThan(0);
            }
        }
    }

    @Test
    void theShapesAreTheTargetsBudgetsPlusAPipelinedOneWhenNoneDoes() {
        assertThat(DbCeiling.shapesFor(List.of(Results.DbBudget.of(9, 1, "d"), Results.DbBudget.of(9, 1, "d")), 5))
                .containsExactly(new DbCeiling.Shape(9, 1), new DbCeiling.Shape(9, 16));
        assertThat(DbCeiling.shapesFor(List.of(Results.DbBudget.of(9, 1, "d"), Results.DbBudget.of(8, 16, "d")), 5))
                .containsExactly(new DbCeiling.Shape(9, 1), new DbCeiling.Shape(8, 16));
        assertThat(DbCeiling.shapesFor(List.of(), 5)).containsExactly(new DbCeiling.Shape(5, 1), new DbCeiling.Shape(5, 16));
    }
}
