package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Summaries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schema 4 run's three ceilings in summary.md and index.html: named, invalidated, and the generator-bound flag. */
class CeilingNotesTest {
    private static final String DB_5X1 = Results.dbCeilingName(5, 1);
    private static final String DB_5X16 = Results.dbCeilingName(5, 16);

    /**
     * The fixture run as schema 4 would record it: its database ceiling at the servlets' 5 x 1 budget but measured far
     * too low (servlet-platform is above it beyond the noise), a pipelined 5 x 16 one, and a generator ceiling at 47,000
     * req/s on /time, which servlet-platform's 44,624 comes within 10% of and servlet-virtual's 42,102 does not.
     */
    private static Results schema4Run() {
        Results run = Fixtures.quickRun();
        List<Results.Measurement> measurements = new ArrayList<>();
        for (Results.Measurement m : run.measurements()) {
            if (m.target().equals(Results.DB_CEILING)) {
                Results.Measurement low = m.toBuilder().requestsPerSecond(m.requestsPerSecond() * 0.2).build();
                measurements.add(Results.Measurement.of(DB_5X1, m.workload(), m.scenario(), 5, m.repetition(), m.order(), m.tool())
                        .durationSeconds(m.durationSeconds()).requests(low.requests()).requestsPerSecond(low.requestsPerSecond()).ok(true).build());
            } else {
                measurements.add(m);
            }
        }
        for (int rep = 1; rep <= 3; rep++) {
            measurements.add(Results.Measurement.of(Results.GENERATOR_CEILING, "time", "time", 64, rep, 100 + rep, "wrk")
                    .durationSeconds(1).requests(46_000 + rep * 1000 - 1000).requestsPerSecond(46_000 + rep * 1000 - 1000).ok(true).build());
            measurements.add(Results.Measurement.of(DB_5X16, "product-by-id", "product-by-id", 80, rep, 200 + rep, "pg-pipelined-loop")
                    .durationSeconds(1).requests(50_000).requestsPerSecond(50_000).ok(true).build());
        }
        List<Results.TargetInfo> targets = new ArrayList<>(run.targets().stream()
                .map(t -> t.kind().equals("implementation") ? t.withDbBudget(Results.DbBudget.of(5, 1, "implementation default")) : t).toList());
        targets.add(new Results.TargetInfo(Results.GENERATOR_CEILING, "generator-ceiling", null, null, null, null, null, null, null, null,
                null, null));
        return new Results(Results.SCHEMA_VERSION, run.runId() + "-ceilings", run.startedAt(), run.finishedAt(), run.failed(), run.warnings(),
                run.settings(), run.environment(), targets, measurements, Summaries.of(measurements, targets), null, List.of());
    }

    @Test
    void summaryMdListsTheThreeCeilingsTheInvalidatedOneAndTheGeneratorBoundResult() {
        String md = MarkdownSummary.render(new RunView(schema4Run()), List.of());

        assertThat(md).contains("- generator ceiling: 47,000 req/s on time")
                .contains("- database ceiling 5 × 1: 7,606 queries/s on product-by-id")
                .contains("INVALIDATED: servlet-platform measured above it")
                .contains("- database ceiling 5 × 16: 50,000 queries/s on product-by-id")
                .contains("pipelined over Vert.x's PostgreSQL client");
        assertThat(md).contains("ceiling invalidated: servlet-platform measured above it (db-ceiling-5x1 on product-by-id")
                .contains("no ratio to it is given")
                .doesNotContain("of the database ceiling at its own budget");
        assertThat(md).contains("generator-bound: servlet-platform on time (94.9%)").doesNotContain("servlet-virtual on time (");
        assertThat(md).as("the matrix: no ratio to an invalidated ceiling").doesNotContain("| **0.");
    }

    @Test
    void indexHtmlNamesTheDatabaseCeilingOfEachRatioAndFlagsGeneratorBoundRows() {
        Results run = schema4Run();
        String html = HtmlReport.render(new RunView(run));

        assertThat(html).contains("<th scope=\"row\">servlet-platform</th><td>44,624</td>")
                .contains("<td>0.95 GENERATOR-BOUND</td>");
        assertThat(html).contains("<td>0.90</td>").contains("× generator ceiling").contains("× DB ceiling (own budget)");
        assertThat(html).contains("ceiling invalidated: servlet-platform measured above it");

        // The same run with its 5 x 1 ceiling measured right: each product-by-id ratio names it.
        List<Results.Measurement> fair = run.measurements().stream().map(m -> m.target().equals(DB_5X1)
                ? m.toBuilder().requestsPerSecond(m.requestsPerSecond() * 5).build() : m).toList();
        Results fairRun = new Results(run.schemaVersion(), run.runId(), run.startedAt(), run.finishedAt(), run.failed(), run.warnings(),
                run.settings(), run.environment(), run.targets(), fair, Summaries.of(fair, run.targets()), null, List.of());
        assertThat(HtmlReport.render(new RunView(fairRun))).contains("<td>0.29 × db-ceiling-5x1</td>")
                .doesNotContain("ceiling invalidated");
    }
}
