package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed quick sample (schema 4): a smoke run with warm-up curves, the probe and no ladder. */
class WarmUpSectionTest {
    private static final RunView QUICK = new RunView(Results.read(Path.of("../reports/sample-quick/results.json")));

    @Test
    void theSmokeRunSaysWhatItIsAndShowsEachWarmUpCurve() {
        String md = MarkdownSummary.render(QUICK, List.of());
        assertThat(md).contains("**Smoke run** (`--quick`): 3 repetitions give intervals of 75% coverage")
                .contains("## Warm-up").contains("| vertx | product-by-id |");
        assertThat(md).as("no ladder, so no ladder section and no ladder caveat").doesNotContain("## Latency at fixed arrival rates")
                .doesNotContain("Open-model latency: Gatling ran").contains("the smoke run has none");
        assertThat(HtmlReport.render(QUICK)).contains("<caption>Warm-up: req/s in each one-second window</caption>")
                .contains("The smoke run (--quick) has no ladder");
    }

    @Test
    void aResultStoppedAtTheCapWithAWideIntervalIsNamed() {
        Results run = QUICK.results();
        Results.Settings adaptive = new Results.Settings(run.settings().mode(), run.settings().scenarios(), run.settings().durationSeconds(),
                run.settings().connections(), run.settings().wrkThreads(), 2, run.settings().primerSeconds(), run.settings().warmupSeconds(),
                run.settings().sweepConnections(), run.settings().jvmFlags(), null, null, run.settings().dbCeilingConnections(), 3, 0.05);
        Results capped = new Results(run.schemaVersion(), run.runId(), run.startedAt(), run.finishedAt(), run.failed(), run.warnings(), adaptive,
                run.environment(), run.targets(), run.measurements(), run.summaries(), run.latency(), run.warmUps());
        assertThat(WarmUpSection.capReached(new RunView(capped))).hasValueSatisfying(finding -> assertThat(finding)
                .contains("reached the cap of 3 repetitions with a median's interval wider than ±5.0%").contains("vertx on product-by-id"));
        assertThat(WarmUpSection.capReached(QUICK)).as("the quick mode asks for no more than its 3").isEmpty();
    }
}
