package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webbench.bench.ceiling.GeneratorCeiling;
import dev.webbench.bench.ceiling.HttpCeiling;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.ResultsSchemaTest;
import dev.webbench.bench.report.console.SummaryTable;
import dev.webbench.bench.run.BenchRun;
import dev.webbench.bench.target.CpuTopology;
import dev.webbench.bench.target.Target;
import dev.webbench.bench.target.Targets;
import dev.webbench.conformance.JarProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of real wrk load against the real impl-servlet jar and the HTTP ceiling, over an
 * embedded PostgreSQL: the results hold real numbers, no errors, and validate against the schema.
 */
class CompareEndToEndIT {

    @Test
    void shortRunAgainstServletGivesCleanNumbers(@TempDir Path runDir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Target> targets = new ArrayList<>(Targets.implementations(root, List.of("servlet")).stream()
                .filter(t -> t.name().equals("servlet-virtual")).toList());
        targets.add(HttpCeiling.target(root.resolve("bench/target/bench.jar"), root));
        targets.add(GeneratorCeiling.target(root.resolve("bench/target/bench.jar"), root));
        Results.Settings settings = new Results.Settings("quick", List.of("product-by-id", "time"), 1, 16, 2, 1, 0, 1, List.of(),
                JarProcess.SERVER_JVM_FLAGS, null, null, 3, 0, 0.05);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Results results = new BenchRun(settings, null, targets, root, runDir, new PrintStream(console, true, StandardCharsets.UTF_8),
                CpuTopology.Request.AUTO).execute();
        results.write(runDir.resolve("results.json"));
        SummaryTable.print(results, new PrintStream(console, true, StandardCharsets.UTF_8));
        String printed = console.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(results.failed()).as("errors in the run:\n" + printed).isFalse();
        assertThat(results.measurements()).extracting(Results.Measurement::target)
                .containsExactlyInAnyOrder("servlet-virtual", "servlet-virtual", "http-ceiling", "generator-ceiling",
                        // the servlet's own budget, and a pipelined one at as many connections since the servlet does not pipeline
                        Results.dbCeilingName(servletConnections(results), 1), Results.dbCeilingName(servletConnections(results), 16));
        for (Results.Measurement m : results.measurements()) {
            assertThat(m.requests()).as(m.target() + " " + m.workload() + " requests").isGreaterThan(100);
            assertThat(m.errors().total()).as(m.target() + " errors").isZero();
            if (m.tool().equals("wrk")) {
                assertThat(m.latencyMicros().p99()).isGreaterThan(0);
                assertThat(m.serverCpuSeconds()).as("server CPU from /proc").isGreaterThan(0);
                assertThat(m.loadCpuSeconds()).as("wrk CPU from times").isGreaterThanOrEqualTo(0);
                // The cost per request: positive, and never more than the time a request held its connection (one
                // thread at a time serves a request, so its CPU cannot exceed its wall time).
                assertThat(m.serverCpuMicrosPerRequest()).as(m.target() + " server CPU per request").isPositive()
                        .isLessThan(m.wallMicrosPerRequest());
                assertThat(m.machineIdleShare()).as("idle share").isBetween(0.0, 1.0);
            }
            // PostgreSQL is the embedded one: its process tree is visible, and product-by-id keeps it busy.
            if (m.scenario().equals("product-by-id") && results.environment().postgresProvider().equals("embedded")) {
                assertThat(m.postgresCpuMicrosPerRequest()).as(m.target() + " PostgreSQL CPU per query").isPositive()
                        .isLessThan(m.wallMicrosPerRequest());
            }
        }
        Results.TargetInfo servlet = results.targets().getFirst();
        assertThat(servlet.startupMillis()).isPositive();
        assertThat(servlet.rssIdleKib()).isPositive();
        assertThat(servlet.rssPeakKib()).isGreaterThanOrEqualTo(servlet.rssIdleKib());
        assertThat(servlet.sourceLines()).isPositive();
        if (servlet.dbBudget() != null) {
            assertThat(results.summaries()).filteredOn(s -> s.target().equals("servlet-virtual") && s.scenario().equals("product-by-id"))
                    .allSatisfy(s -> assertThat(s.ratioToDbCeiling()).isNotNull().isPositive());
        }
        assertThat(results.summaries()).filteredOn(s -> s.target().equals("servlet-virtual"))
                .allSatisfy(s -> assertThat(s.ratioToGeneratorCeiling()).isNotNull().isPositive());
        assertThat(results.environment().postgresVersion()).startsWith("17.");
        Results.Topology topology = results.environment().topology();
        assertThat(topology.cores()).isEqualTo(CpuTopology.allowedCpus().size());
        assertThat(topology.mode()).isEqualTo(topology.cores() >= CpuTopology.MIN_PINNED_CPUS ? Results.Topology.PINNED : Results.Topology.SHARED);
        assertThat(results.summaries()).filteredOn(s -> s.target().equals("servlet-virtual"))
                .allSatisfy(s -> assertThat(s.serverCpuMicrosPerRequestMedian()).isPositive());
        if (results.environment().postgresProvider().equals("embedded")) {
            assertThat(results.summaries()).filteredOn(s -> s.scenario().equals("product-by-id"))
                    .allSatisfy(s -> assertThat(s.postgresCpuMicrosPerRequestMedian()).as(s.target()).isPositive());
        }
        assertThat(printed).contains("servlet-virtual", "http-ceiling", "generator-ceiling", "db-ceiling-");
        // Each implementation's budget is what it logged at start: servlet's own default, one statement per connection.
        assertThat(results.targets()).filteredOn(t -> t.kind().equals(Target.Kind.IMPLEMENTATION.id())).isNotEmpty().allSatisfy(t -> {
            assertThat(t.dbBudget()).as(t.name() + "'s database budget").isNotNull();
            assertThat(t.dbBudget().pipelining()).isEqualTo(1);
            assertThat(t.dbBudget().inFlight()).isEqualTo(t.dbBudget().connections()).isPositive();
            assertThat(t.dbBudget().source()).isEqualTo("implementation default");
        });
        assertThat(results.warnings()).noneMatch(w -> w.contains("database budget"));

        JsonNode document = Results.JSON.readTree(runDir.resolve("results.json").toFile());
        assertThat(ResultsSchemaTest.validate(document)).isEmpty();
        assertThat(document.at("/targets/0/db_budget/in_flight").asInt()).as("in results.json").isPositive();
    }

    /** The servlet's pool as it logged it at start; the settings' 3 connections when it logged none. */
    private static int servletConnections(Results results) {
        Results.DbBudget budget = results.targets().getFirst().dbBudget();
        return budget == null ? 3 : budget.connections();
    }
}
