package dev.webbench.bench.report.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import dev.webbench.bench.report.Fixtures;
import dev.webbench.bench.report.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("diff between two runs")
class RunDiffTest {
    private static final Results BASE = Fixtures.quickRun();

    @Test
    void aRunComparedWithItselfChangesNothing() {
        RunDiff.Report report = RunDiff.compare(BASE, BASE);
        assertThat(report.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RunDiff.Verdict.WITHIN_NOISE));
        assertThat(report.onlyInBase()).isEmpty();
    }

    @Test
    void aRealDropIsARegressionWhereverItExceedsThatMetricsNoise() {
        // servlet-platform's product-by-id req/s has a CV of 4.9% (so the noise band is 2 x 4.9%, wider than its 9.4% spread)
        // and its req/CPU-s a spread of 27%: a 40% drop is outside both. Its p99 ranged from 24 to 90 ms between repetitions, so p99 67% higher is still within noise.
        RunDiff.Report report = RunDiff.compare(BASE, Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 0.6));
        assertThat(rows(report, "servlet-platform", "product-by-id")).extracting(RunDiff.Row::metric, RunDiff.Row::verdict).containsExactly(
                tuple(RunDiff.Metric.REQUESTS_PER_SECOND, RunDiff.Verdict.REGRESSION),
                tuple(RunDiff.Metric.P99, RunDiff.Verdict.WITHIN_NOISE),
                tuple(RunDiff.Metric.REQUESTS_PER_CPU_SECOND, RunDiff.Verdict.REGRESSION));
        RunDiff.Row rps = rows(report, "servlet-platform", "product-by-id").getFirst();
        assertThat(rps.change()).isCloseTo(-0.4, within(1e-9));
        assertThat(rps.noise()).isCloseTo(2 * 0.049468877916354535, within(1e-9))
                .isGreaterThan((11_189.389172629139 - 10_165.484865649692) / 10_930.366561765879);
        assertThat(report.rows()).filteredOn(r -> !r.target().equals("servlet-platform") || !r.workload().equals("product-by-id"))
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RunDiff.Verdict.WITHIN_NOISE));
    }

    @Test
    void aCollapseIsARegressionOnEveryMetric() {
        RunDiff.Report report = RunDiff.compare(BASE, Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 0.2));
        assertThat(rows(report, "servlet-platform", "product-by-id")).extracting(RunDiff.Row::verdict)
                .containsExactly(RunDiff.Verdict.REGRESSION, RunDiff.Verdict.REGRESSION, RunDiff.Verdict.REGRESSION);
    }

    @Test
    void aChangeWithinTheRunsOwnSpreadIsIgnored() {
        // servlet-virtual's product-by-id varies by 33% between repetitions: +10% is noise.
        RunDiff.Report report = RunDiff.compare(BASE, Fixtures.scaled(BASE, "servlet-virtual", "product-by-id", 1.10));
        assertThat(rows(report, "servlet-virtual", "product-by-id")).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RunDiff.Verdict.WITHIN_NOISE));
        assertThat(rows(report, "servlet-virtual", "product-by-id").getFirst().change()).isCloseTo(0.10, within(1e-9));
    }

    @Test
    void aRealGainIsAnImprovement() {
        RunDiff.Report report = RunDiff.compare(BASE, Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 1.5));
        assertThat(rows(report, "servlet-platform", "product-by-id")).extracting(RunDiff.Row::verdict)
                .containsExactly(RunDiff.Verdict.IMPROVED, RunDiff.Verdict.WITHIN_NOISE, RunDiff.Verdict.IMPROVED);
    }

    @Test
    void failedRepetitionsAndSingleRepetitionsAreNotJudged() {
        assertThat(rows(RunDiff.compare(BASE, Fixtures.withFailure()), "servlet-virtual", "product-by-id"))
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RunDiff.Verdict.FAILED));
        assertThat(RunDiff.compare(Fixtures.firstRepetitionOnly(BASE), BASE).rows())
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RunDiff.Verdict.UNJUDGED));
    }

    @Test
    void noiseIsTheWiderOfEitherSpreadAndTwicePooledCv() {
        // Two repetitions each: the range is only 1.41 standard deviations, so twice the CV is the wider measure.
        Stats pair = Stats.of(List.of(90.0, 110.0));
        assertThat(RunDiff.noise(pair, pair)).as("2 x pooled CV beats a 20% spread").isCloseTo(2 * pair.cv(), within(1e-12))
                .isGreaterThan(RunDiff.relativeSpread(pair));
        Stats tight = Stats.of(List.of(100.0, 101.0, 102.0));
        Stats wide = Stats.of(List.of(50.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 150.0));
        assertThat(RunDiff.noise(tight, wide)).as("a 100% spread beats 2 x pooled CV").isCloseTo(1.0, within(1e-12));
    }

    @Test
    void writesATableDiffMdAndDiffJsonIntoTheNewRun(@TempDir Path dir) throws Exception {
        Path base = Fixtures.runFolder(dir, "base", BASE);
        Path current = Fixtures.runFolder(dir, "new", Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 0.6));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long regressions = RunDiff.diff(base, current, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(regressions).isEqualTo(2);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .containsPattern("servlet-platform +product-by-id +req/s median +10,930 +6,558 +-40\\.0% +±9\\.9% +REGRESSION")
                .containsPattern("servlet-virtual +product-by-id +req/s median +9,718 +9,718 +\\+0\\.0% +±\\d+\\.\\d% +within noise")
                .contains("2 regression(s) and 0 improvement(s) beyond noise");
        assertThat(Files.readString(current.resolve("diff.md")))
                .contains("| servlet-platform | product-by-id | req/s median | 10,930 | 6,558 | -40.0% | ±9.9% | **REGRESSION** |");
        JsonNode json = ReportJson.FILES.readTree(current.resolve("diff.json").toFile());
        assertThat(json.get("base_run").asText()).isEqualTo("20261125T131925Z");
        assertThat(json.get("rows").get(3).get("verdict").asText()).isEqualTo("REGRESSION");
        assertThat(base.resolve("diff.md")).doesNotExist();
    }

    private static List<RunDiff.Row> rows(RunDiff.Report report, String target, String workload) {
        return report.rows().stream().filter(r -> r.target().equals(target) && r.workload().equals(workload)).toList();
    }
}
