package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.config.DatabaseBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseBudgetsTest {
    @Test
    void theBudgetIsWhatTheTargetLoggedNotWhatItWasAsked(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("vertx-pipelined.log");
        Files.writeString(log, "[main] INFO dev.webbench.vertx.VertxApp - DB_POOL_SIZE=1 raised to 2\n"
                + "[main] INFO dev.webbench.vertx.VertxApp - "
                + new DatabaseBudget(2, 4, DatabaseBudget.Source.CONFIGURED).logLine() + "\n"
                + "[main] INFO dev.webbench.vertx.VertxApp - impl-vertx listening on http://127.0.0.1:40000/ \u00e9\n");
        assertThat(DatabaseBudgets.fromLog(log, "--db-budget 7")).contains(new Results.DbBudget(2, 4, 8, "--db-budget 7"));
        assertThat(DatabaseBudgets.fromLog(dir.resolve("absent.log"), "implementation default")).isEmpty();
        Files.writeString(log, "an old jar that says nothing about its pool\n");
        assertThat(DatabaseBudgets.fromLog(log, "implementation default")).isEmpty();
    }

    @Test
    void aReaderIsWarnedWhenABudgetIsMissingOrNotTheOneAsked() {
        Target asked = target("vertx-pipelined", Target.Kind.IMPLEMENTATION, 7);
        assertThat(DatabaseBudgets.warning(asked, Results.DbBudget.of(2, 4, "--db-budget 7")))
                .hasValueSatisfying(w -> assertThat(w).contains("vertx-pipelined has 2 \u00d7 4 = 8 statements in flight, not the 7"));
        assertThat(DatabaseBudgets.warning(asked, Results.DbBudget.of(7, 1, "--db-budget 7"))).isEmpty();
        assertThat(DatabaseBudgets.warning(target("servlet-virtual", Target.Kind.IMPLEMENTATION, null), Results.DbBudget.of(5, 1,
                "implementation default"))).isEmpty();
        assertThat(DatabaseBudgets.warning(target("servlet-virtual", Target.Kind.IMPLEMENTATION, null), null))
                .hasValueSatisfying(w -> assertThat(w).contains("logged no database budget"));
        assertThat(DatabaseBudgets.warning(target("http-ceiling", Target.Kind.HTTP_CEILING, null), null)).isEmpty();
    }

    private static Target target(String name, Target.Kind kind, Integer budget) {
        return new Target(name, kind, Path.of(name + ".jar"), null, Map.of(), null, null, EnumSet.allOf(Scenario.class), budget);
    }
}
