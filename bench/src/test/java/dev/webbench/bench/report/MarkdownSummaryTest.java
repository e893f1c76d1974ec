package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("summary.md")
class MarkdownSummaryTest {
    private static final List<PngCharts.Png> NO_CHARTS = List.of();

    @Test
    void decisionMatrixHasOneRowPerImplementationAndOneColumnPerCriterionWithTheBestInBold() {
        String md = MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS);
        assertThat(md).contains("| target | throughput, product-by-id (median req/s) | × DB ceiling | "
                + "p99, product-by-id (closed-model wrk, ms) | efficiency (req/CPU-s) | memory (RSS peak) | startup | code size (LOC) | status |");
        assertThat(md).contains("| servlet-platform | **10,930** | **0.29** | **31.3** | **10,856** | 458 MiB | 858 ms | **402** | ok |");
        assertThat(md).contains("| servlet-virtual | 9,718 | 0.26 | 40.1 | 10,381 | **458 MiB** | **802 ms** | **402** | NOISY (CV 16.7%) |");
        assertThat(md).as("ceilings are references, not rows of the matrix").doesNotContain("| http-ceiling | ")
                .contains("Ceilings measured in the same run: HTTP 65,013 req/s on time (bare Netty); database 38,029 queries/s on "
                        + "product-by-id (straight over JDBC).");
        assertThat(md).contains("The p99 column is wrk's closed-model p99, not the p99 at a fixed arrival rate");
    }

    @Test
    void findingsAreSentencesBackedByThisRunsNumbers() {
        String md = MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS);
        assertThat(section(md, "## Findings")).contains(
                "- servlet-platform is fastest on product-by-id at 10,930 req/s (median of 3), 12.5% ahead of servlet-virtual at 9,718 req/s; "
                        + "their min-max ranges overlap",
                "reaches 28.7% of the database ceiling (38,029 queries/s straight over JDBC in the same run)",
                "servlet-platform is the most CPU-efficient on product-by-id: 10,856 requests per server CPU-second, 4.6% more than "
                        + "servlet-virtual (10,381).",
                "reaches 68.6% of the HTTP ceiling (65,013 req/s",
                "servlet-virtual and servlet-platform tie for the smallest peak memory: 458 MiB RSS",
                "servlet-virtual has the fastest startup: 802 ms to the first good response (next: servlet-platform, 858 ms).",
                "9 of 10 results are NOISY");
    }

    @Test
    void aResultAboveItsCeilingBlamesTheCeilingsMeasurement() {
        Results run = Fixtures.withSummary(Fixtures.quickRun(), "servlet-platform", "time", s -> new Results.Summary(s.target(), s.workload(),
                s.scenario(), s.connections(), s.requestsPerSecond(), s.noisy(), s.failed(), s.errors(), s.latencyP50MicrosMedian(),
                s.latencyP99MicrosMedian(), s.requestsPerCpuSecondMedian(), 1.18, s.ratioToDbCeiling()));
        assertThat(section(MarkdownSummary.render(new RunView(run), NO_CHARTS), "## Findings"))
                .contains("reaches 118.0% of the HTTP ceiling (65,013 req/s from a bare Netty handler); above 100%, so the ceiling's own "
                        + "measurement was disturbed (CV 8.8%).");
    }

    @Test
    void caveatsSayWhatLimitsTheNumbers() {
        String caveats = section(MarkdownSummary.render(new RunView(Fixtures.quickRun()), NO_CHARTS), "## Caveats");
        assertThat(caveats).contains("- Same machine: wrk, the servers and PostgreSQL ran on one 2-core machine, sharing every CPU.",
                "- The machine was not idle: load average 1.09 on 2 cores", "- Noise: 9 of 10 results are NOISY",
                "- Quick mode: 1-second repetitions", "- Closed-model latency:", "coordinated omission",
                "- Built from uncommitted changes on top of 52d795d9c46e84bfce94abf84df5e8d2ceae0509.");
    }

    @Test
    void aFailedResultIsFlaggedFirstAndNeverRanked() {
        String md = MarkdownSummary.render(new RunView(Fixtures.withFailure()), NO_CHARTS);
        assertThat(md.indexOf("> **FAILED:** servlet-virtual on product-by-id saw 51 errors")).isPositive()
                .isLessThan(md.indexOf("## Decision matrix"));
        assertThat(md).contains("> **WARNING:** servlet-virtual · seed: 3 errors already during warm-up \\</script\\>");
        assertThat(md).contains("| servlet-virtual | n/a | n/a | n/a | n/a | **458 MiB** | **802 ms** | **402** | **FAILED** (51 errors) |");
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
                .contains("![Median req/s per workload and target, whiskers min-max](throughput.png)")
                .contains("![Latency percentiles on product-by-id, closed-model wrk](latency.png)");
    }

    private static String section(String md, String heading) {
        int start = md.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = md.indexOf("\n## ", start + heading.length());
        return md.substring(start, end < 0 ? md.length() : end);
    }
}
