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
    void aRealDropIsARegressionWhereverTheIntervalsSeparate() {
        // servlet-platform's product-by-id req/s ranged over [10,165, 11,189] in 3 repetitions (its 75% interval) and its
        // req/CPU-s over 27%: 40% lower, both intervals lie below the old ones. Its p99 ranged from 24 to 90 ms, so p99 67%
        // higher still overlaps: within noise.
        RunDiff.Report report = RunDiff.compare(BASE, Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 0.6));
        assertThat(rows(report, "servlet-platform", "product-by-id")).extracting(RunDiff.Row::metric, RunDiff.Row::verdict).containsExactly(
                tuple(RunDiff.Metric.REQUESTS_PER_SECOND, RunDiff.Verdict.REGRESSION),
                tuple(RunDiff.Metric.P99, RunDiff.Verdict.WITHIN_NOISE),
                tuple(RunDiff.Metric.REQUESTS_PER_CPU_SECOND, RunDiff.Verdict.REGRESSION));
        RunDiff.Row rps = rows(report, "servlet-platform", "product-by-id").getFirst();
        assertThat(rps.change()).isCloseTo(-0.4, within(1e-9));
        assertThat(List.of(rps.baseLow(), rps.baseHigh())).containsExactly(10_165.484865649692, 11_189.389172629139);
        assertThat(rps.newHigh()).isCloseTo(0.6 * 11_189.389172629139, within(1e-6)).isLessThan(rps.baseLow());
        assertThat(rps.level()).isEqualTo(0.75);
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
    void aChangeCountsOnlyWhereTheIntervalsDoNotOverlap() {
        // 5% lower, but each run's repetitions scattered over 9.4%: the intervals overlap, so no verdict either way.
        assertThat(RunDiff.compare(BASE, Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 0.95)).rows())
                .filteredOn(r -> r.target().equals("servlet-platform") && r.workload().equals("product-by-id"))
                .extracting(RunDiff.Row::verdict).first().isEqualTo(RunDiff.Verdict.WITHIN_NOISE);
    }

    @Test
    void writesATableDiffMdAndDiffJsonIntoTheNewRun(@TempDir Path dir) throws Exception {
        Path base = Fixtures.runFolder(dir, "base", BASE);
        Path current = Fixtures.runFolder(dir, "new", Fixtures.scaled(BASE, "servlet-platform", "product-by-id", 0.6));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long regressions = RunDiff.diff(base, current, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(regressions).isEqualTo(2);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .containsPattern("servlet-platform +product-by-id +req/s median +10,930 +6,558 +-40\\.0% +\\[10,165–11,189\\] vs "
                        + "\\[6,099–6,714\\] \\(75%\\) +REGRESSION")
                .containsPattern("servlet-virtual +product-by-id +req/s median +9,718 +9,718 +\\+0\\.0% +\\[[0-9,]+–[0-9,]+\\] vs .* +within noise")
                .contains("2 regression(s) and 0 improvement(s) beyond noise (intervals apart)");
        assertThat(Files.readString(current.resolve("diff.md")))
                .contains("| servlet-platform | product-by-id | req/s median | 10,930 | 6,558 | -40.0% | [10,165–11,189] vs [6,099–6,714] (75%) | "
                        + "**REGRESSION** |");
        JsonNode json = ReportJson.FILES.readTree(current.resolve("diff.json").toFile());
        assertThat(json.get("base_run").asText()).isEqualTo("20261125T131925Z");
        assertThat(json.get("rows").get(3).get("verdict").asText()).isEqualTo("REGRESSION");
        assertThat(base.resolve("diff.md")).doesNotExist();
    }

    private static List<RunDiff.Row> rows(RunDiff.Report report, String target, String workload) {
        return report.rows().stream().filter(r -> r.target().equals(target) && r.workload().equals(workload)).toList();
    }
}
