package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("summary.md")
class MarkdownSummaryTest {
    private static final List<PngCharts.Png> NO_CHARTS = List.of();

    @Test
    void decisionMatrixHasOneRowPerImplementationAndOneColumnPerCriterionWithTheBestInBold() {
        String md = MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS);
        assertThat(md).contains("| target | DB statements in flight (connections × pipelining) | throughput, product-by-id (median req/s) | server CPU per request | PostgreSQL CPU per request | "
                + "× DB ceiling | p99, product-by-id (closed-model wrk, ms) | memory (RSS peak) | startup | code size (LOC) | status |");
        // A schema 3 run: server CPU per request from its req/CPU-s (10,856 → 92.1 µs), PostgreSQL's not measured.
        assertThat(md).contains("| servlet-platform | n/a | **10,930 (tie)** | **92.1 µs** | n/a | **0.29** | **31.3** | 458 MiB | 858 ms | **402** | ok |");
        assertThat(md).contains("| servlet-virtual | n/a | 9,718 (tie) | 96.3 µs | n/a | 0.26 | 40.1 | **458 MiB** | **802 ms** | **402** | NOISY (CV 16.7%) |");
        assertThat(md).as("ceilings are references, not rows of the matrix").doesNotContain("| http-ceiling | ")
                .contains("- HTTP ceiling: 65,013 req/s on time ").contains("(a bare Netty handler)")
                .contains("- database ceiling: 38,029 queries/s on product-by-id ").contains("(product-by-id straight over JDBC, in the bench's JVM)");
        assertThat(md).contains("The p99 column is wrk's closed-model p99, not the p99 at a fixed arrival rate");
    }

    @Test
    void theMatrixStatesEachTargetsDatabaseBudgetAndWhereItCameFrom() {
        Results run = Fixtures.withDbBudgets(Fixtures.quickRun(), java.util.Map.of(
                "servlet-platform", Results.DbBudget.of(5, 1, "implementation default"),
                "servlet-virtual", Results.DbBudget.of(2, 4, "--db-budget 7")));
        String md = MarkdownSummary.render(new RunView(run), NO_CHARTS);
        assertThat(md).contains("| servlet-platform | 5 × 1 (default) | **10,930 (tie)** |").contains("| servlet-virtual | 2 × 4 (--db-budget 7) | 9,718 (tie) |");
    }

    @Test
    void findingsAreSentencesBackedByThisRunsNumbers() {
        String md = MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS);
        assertThat(section(md, "## Findings")).contains(
                "- servlet-platform and servlet-virtual tie on product-by-id: servlet-platform leads on the medians, 10,930 req/s "
                        + "\\[10,165–11,189\\] against 9,718 \\[7,954–11,152\\] for servlet-virtual, but their 75% intervals overlap, so this "
                        + "run does not say which is faster.");
        String faster = MarkdownSummary.render(new RunView(Fixtures.scaled(Fixtures.quickRun(), "servlet-platform", "product-by-id", 1.3)),
                NO_CHARTS);
        assertThat(section(faster, "## Findings")).contains("- servlet-platform is faster than servlet-virtual on product-by-id: 14,209 req/s "
                + "\\[13,215–14,546\\] against 9,718 \\[7,954–11,152\\] (medians of 3; their 75% intervals do not overlap), 46.2% ahead.");
    }

    @Test
    void aResultAboveItsCeilingWithinTheNoiseIsATie() {
        // servlet-platform's /time at 1.72x: median 76,753 against the ceiling's 65,013, but its minimum (63,786) is
        // below the ceiling's maximum (68,941): the intervals overlap.
        Results run = Fixtures.scaled(Fixtures.quickRun(), "servlet-platform", "time", 1.72);
        assertThat(section(MarkdownSummary.render(new RunView(run), NO_CHARTS), "## Findings"))
                .contains("reaches 118.1% of the HTTP ceiling (65,013 req/s); above 100% but within the noise of both (the ceiling's "
                        + "CV 8.8%): a tie with the ceiling.")
                .doesNotContain("ceiling invalidated");
    }

    @Test
    void anOlderRunWithATargetAboveItsCeilingBeyondTheNoiseSaysTheCeilingIsNone() {
        // At 2x, servlet-platform's slowest /time repetition (74,169) beats the ceiling's fastest (68,941).
        Results run = Fixtures.scaled(Fixtures.quickRun(), "servlet-platform", "time", 2.0);
        String md = MarkdownSummary.render(new RunView(run), NO_CHARTS);
        assertThat(section(md, "## Findings")).contains("ceiling invalidated: servlet-platform measured above it (http-ceiling on time")
                .doesNotContain("of the HTTP ceiling (");
        assertThat(md).contains("INVALIDATED: servlet-platform measured above it");
    }

    @Test
    void caveatsSayWhatLimitsTheNumbers() {
        String caveats = section(MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS), "## Caveats");
        assertThat(caveats).contains("- Same machine: wrk, the servers and PostgreSQL ran on one 2-core machine. CPU topology: not recorded "
                        + "(a run before topologies): servers, wrk and PostgreSQL shared the CPUs",
                "- The machine was not idle: load average 1.09 on 2 cores", "- Noise: 9 of 10 results are NOISY",
                "- Quick mode: 1-second repetitions", "- Confidence: each median's interval is distribution-free (order statistics). With 3 "
                        + "repetition(s) an interval is the minimum to maximum and covers the median with only 75% confidence", "- Closed-model latency:", "coordinated omission",
                "- Built from uncommitted changes on top of 52d795d9c46e84bfce94abf84df5e8d2ceae0509.");
    }

    @Test
    void aFailedResultIsFlaggedFirstAndNeverRanked() {
        String md = MarkdownSummary.render(new RunView(Fixtures.withFailure()), NO_CHARTS);
        assertThat(md.indexOf("> **FAILED:** servlet-virtual on product-by-id saw 51 errors")).isPositive()
                .isLessThan(md.indexOf("## Decision matrix"));
        assertThat(md).contains("> **WARNING:** servlet-virtual · seed: 3 errors already during warm-up \\</script\\>");
        assertThat(md).contains("| servlet-virtual | n/a | n/a | n/a | n/a | n/a | n/a | **458 MiB** | **802 ms** | **402** | **FAILED** (51 errors) |");
        assertThat(section(md, "## Findings")).contains("- **FAILED**: 1 result(s) saw errors and are left out of every ranking",
                "- Only servlet-platform has a clean result on product-by-id: 10,930 req/s (median of 3).");
        assertThat(section(md, "## Throughput by workload")).contains("| servlet-virtual | 7,442 NOISY | 9,718 **FAILED** |");
    }

    @Test
    void rendersWithItsPngChartsBesideIt(@TempDir Path dir) throws Exception {
        Path runDir = Fixtures.runFolder(dir, "run", Fixtures.quickRun());
        List<Path> written = RunReport.render(runDir);
        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("index.html", "summary.md", "throughput.png", "latency.png", "efficiency.png", "memory.png");
        for (String png : List.of("throughput.png", "latency.png", "efficiency.png", "memory.png")) {
            byte[] bytes = Files.readAllBytes(runDir.resolve(png));
            assertThat(bytes).as(png).hasSizeGreaterThan(5_000).startsWith(0x89, 'P', 'N', 'G');
        }
        assertThat(Files.readString(runDir.resolve("summary.md")))
                .contains("![Median req/s per workload and target, whiskers the median's interval](throughput.png)")
                .contains("![Latency percentiles on product-by-id, closed-model wrk](latency.png)");
    }

    @Test
    void aRunWithoutLatencySaysItWasNotMeasured() {
        String md = MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS);
        assertThat(md).doesNotContain("## Latency at fixed arrival rates").doesNotContain("## WebSocket counter")
                .doesNotContain("(open model)");
        assertThat(section(md, "## Caveats")).contains("- Not measured in this run: latency at fixed arrival rates (an open-model ladder) "
                + "and the WebSocket broadcast; the run predates them or ran with --skip-latency.");
    }

    @Nested
    @DisplayName("with the latency phase")
    class WithLatency {
        private final String quick = MarkdownSummary.render(new RunView(Fixtures.latencyQuickRun()), NO_CHARTS);
        private final String vertx250 = MarkdownSummary.render(new RunView(Fixtures.withSlo(Fixtures.latencyVertxRun(), 250)), NO_CHARTS);

        @Test
        void theDecisionMatrixGainsTheOpenModelHeadlineBesideWrksP99() {
            assertThat(quick).contains("| target | DB statements in flight (connections × pipelining) | throughput, product-by-id (median req/s) | server CPU per request | PostgreSQL CPU per "
                    + "request | × DB ceiling | p99, product-by-id (closed-model wrk, ms) | p99 ≤ 10 ms up to, product-by-id (open model) |");
            assertThat(quick).contains("| servlet-platform | n/a | 20,086 | 50.1 µs | n/a | 0.43 | **20.3** | **FAILED** |")
                    .contains("| vertx | n/a | **28,923** | **28.2 µs** | n/a | **0.63** | 56.2 | none |")
                    .contains("the open-model column is the highest fixed arrival rate (Gatling) at which p99 stayed within 10 ms with no "
                            + "failed request on product-by-id, or none.");
            assertThat(vertx250).contains("| vertx | n/a | **34,835** | **26.5 µs** | n/a | **0.88** | **7.03** | **8,709/s** |");
        }

        @Test
        void failedLaddersAndWebSocketRunsAreFlaggedFirst() {
            assertThat(quick.indexOf("> **FAILED:** the product-by-id ladder of servlet-platform; the mixed ladder of servlet-platform; "
                    + "the product-by-id ladder of servlet-virtual; the mixed ladder of servlet-virtual; the WebSocket run of servlet-platform "
                    + "with 100 clients; the WebSocket run of servlet-virtual with 100 clients. They are marked FAILED below and have no "
                    + "headline.")).isPositive().isLessThan(quick.indexOf("## Decision matrix"));
            assertThat(quick).as("no wrk result failed").doesNotContain("Failed results are marked and left out of every ranking");
        }

        @Test
        void tablesEachEndpointsLadderWithP99AtEachShareOfThePeak() {
            String latency = section(quick, "## Latency at fixed arrival rates");
            assertThat(latency).contains("Headline: the highest rate at which that step and every lower one kept p99 ≤ 10 ms",
                    "### product-by-id", "### mixed",
                    "| target | wrk peak (req/s) | p99 ≤ 10 ms up to | p99 ms at 25% | p99 ms at 50% | p99 ms at 75% | p99 ms at 90% |",
                    "| servlet-platform | 20,086 | **FAILED**, none | 5,004 (err) | 27,917 (err, gen) | 15,337 (err, gen) | 11,300 (err, gen) |",
                    "| vertx | 28,923 | none (generator-bound) | 1,804 (gen) | 4,883 (err, gen) | 3,822 (err, gen) | 2,291 (err, gen) |",
                    "| vertx | 23,171 | none | 141 | 1,324 | 2,113 (err) | 2,330 (err) |");
            assertThat(section(vertx250, "## Latency at fixed arrival rates")).contains(
                    "| vertx | 34,835 | 8,709/s | 132 | 260 | 6,965 (err, gen) | 2,696 (err, gen) |",
                    "| vertx | 91,969 | 22,992/s (generator-bound) | 27 | 1,511 (err, gen) | 1,549 (err, gen) | 1,863 (err, gen) |",
                    "| vertx | 24,918 | none | 551 | 433 | 846 | 1,345 (err) |");
        }

        @Test
        void tablesTheWebSocketRunsWithTheProblemsOfFailedOnes() {
            String websocket = section(quick, "## WebSocket counter");
            assertThat(websocket).contains("| target | clients | sees everyone p99 ms (Gatling) | to each p50 / p99 ms | to all p50 / p99 ms | "
                            + "count-order violations | heap KiB/conn | RSS KiB/conn | status |",
                    "| vertx | 100 | 1,732 | 17.0 / 39.6 | 23.2 / 39.7 | 0 | 15.9 | 150.3 | ok |",
                    "| servlet-platform | 100 | n/a | n/a | n/a | 0 | n/a | n/a | **FAILED** |",
                    "- **FAILED** servlet-virtual, 100 clients: Gatling's checks failed: \\[connect: count of failed events is 0.0");
            assertThat(section(vertx250, "## WebSocket counter")).contains("| vertx | 100 | 1,739 | 15.6 / 46.8 | 16.6 / 47.1 | 1 | 15.8 | 69.5 | **FAILED** |",
                    "- **FAILED** vertx, 100 clients: 1 counter messages broke the order the contract promises");
        }

        @Test
        void findingsNameTheBestHeadlinesTheGeneratorBoundLaddersAndTheFailures() {
            assertThat(section(quick, "## Findings")).contains(
                    "- **FAILED**: 4 of 6 latency ladders saw failed requests already at their lowest step or could not be measured, so they "
                            + "have no headline: servlet-platform on product-by-id and mixed; servlet-virtual on product-by-id and mixed.",
                    "- **FAILED**: 2 of 3 WebSocket counter runs: servlet-platform with 100 clients (Gatling's checks failed with 100 errors, "
                            + "0 of 5 broadcast rounds completed); servlet-virtual with 100 clients",
                    "- At fixed arrival rates (open model), no target kept p99 ≤ 10 ms with no failed request even at its lowest step, on "
                            + "product-by-id and mixed; the closest, vertx on mixed, had a p99 of 141 ms at 5,793/s (25% of the wrk peak).",
                    "- Generator-bound: the ladder of vertx on product-by-id stopped at a step where Gatling could not start users as fast "
                            + "as asked, so the server may do better; measure from another machine or pin CPUs",
                    "- WebSocket counter with 100 clients: vertx tells every listener of a new client in 23.2 ms (p50 of 5 rounds, max 39.7 "
                            + "ms), holding 15.9 KiB of heap per idle connection.");
            assertThat(section(vertx250, "## Findings")).contains(
                    "- **FAILED**: 1 of 1 WebSocket counter runs: vertx with 100 clients (1 count(s) out of the contract's order).",
                    "- Highest fixed arrival rate with p99 ≤ 250 ms and no failed request (open model), best per endpoint: seed: vertx up to "
                            + "4,400/s (25% of its wrk peak); product-by-id: vertx up to 8,709/s (25% of its wrk peak); time: vertx up to "
                            + "22,992/s (25% of its wrk peak); create-product: none; mixed: vertx up to 7,048/s (25% of its wrk peak).",
                    "- Generator-bound: the ladder of vertx on time stopped at a step");
        }

        @Test
        void caveatsSayWhatLimitsTheLadders() {
            assertThat(section(quick, "## Caveats")).contains("- Open-model latency: Gatling ran on the same machine as the servers")
                    .doesNotContain("Not measured");
        }

        @Test
        void rendersTheLadderChartBesideIt(@TempDir Path dir) throws Exception {
            Path runDir = Fixtures.runFolder(dir, "run", Fixtures.latencyQuickRun());
            List<Path> written = RunReport.render(runDir);
            assertThat(written).extracting(p -> p.getFileName().toString())
                    .containsExactly("index.html", "summary.md", "throughput.png", "latency.png", "ladder.png", "efficiency.png", "memory.png");
            assertThat(Files.readAllBytes(runDir.resolve("ladder.png"))).hasSizeGreaterThan(5_000).startsWith(0x89, 'P', 'N', 'G');
            String md = Files.readString(runDir.resolve("summary.md"));
            assertThat(md).contains("![p99 against arrival rate on product-by-id, Gatling open model, with the SLO dashed](ladder.png)");
            assertThat(md.lines().count()).as("short enough to paste into an ADR").isLessThan(160);
        }
    }

    private static String section(String md, String heading) {
        int start = md.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = md.indexOf("\n## ", start + heading.length());
        return md.substring(start, end < 0 ? md.length() : end);
    }
}
