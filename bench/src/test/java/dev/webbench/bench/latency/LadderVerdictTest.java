package dev.webbench.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.latency.gatling.Arrivals;
import dev.webbench.bench.latency.gatling.LadderPlan;
import dev.webbench.bench.model.Results;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderVerdictTest {
    private static final double SLO = 10;
    private final List<LadderPlan.Step> steps = LadderPlan.ladder("product-by-id", 20_000, List.of(0.25, 0.5, 0.75, 0.9), List.of());
    private final Map<String, GatlingReport.Row> rows = new HashMap<>();
    private final Map<String, Arrivals.Window> arrivals = new HashMap<>();

    private void step(int index, double p99, long errors) {
        LadderPlan.Step step = steps.get(index);
        long requests = Math.round(step.rate() * 10);
        rows.put(step.requestName(), new GatlingReport.Row(step.requestName(), requests, requests - errors, errors, 0, 1, 2, p99, p99 + 1,
                p99 + 2, 1.5));
        arrivals.put(step.requestName(), new Arrivals.Window(requests, 10.0 * (requests - 1) / requests, false));
    }

    private Results.Ladder verdict() {
        return LadderVerdict.ladder("vertx", "product-by-id", 20_000.0, steps, rows, arrivals, SLO, "gatling/vertx/index.html", null);
    }

    @Test
    void theHeadlineIsTheHighestStepWithinTheSlo() {
        step(0, 2, 0);
        step(1, 4, 0);
        step(2, 9, 0);
        step(3, 35, 0);

        Results.Ladder ladder = verdict();

        assertThat(ladder.maxRateWithinSlo()).isEqualTo(15_000.0);
        assertThat(ladder.consistent()).isTrue();
        assertThat(ladder.failed()).isFalse();
        assertThat(ladder.problem()).isNull();
        assertThat(ladder.steps()).extracting(Results.LadderStep::withinSlo).containsExactly(true, true, true, false);
        assertThat(ladder.steps().get(3).latencyMillis().p99()).isEqualTo(35);
        assertThat(LadderVerdict.headline(ladder, SLO)).isEqualTo("product-by-id: p99 <= 10 ms up to 15000/s (wrk peak 20000/s)");
    }

    @Test
    void aStepPassingAboveAMissIsNoiseNotCredit() {
        step(0, 2, 0);
        step(1, 12, 0);
        step(2, 9, 0);
        step(3, 40, 0);

        Results.Ladder ladder = verdict();

        assertThat(ladder.maxRateWithinSlo()).isEqualTo(5_000.0);
        assertThat(ladder.consistent()).isFalse();
        assertThat(LadderVerdict.headline(ladder, SLO)).contains("NOISY");
    }

    @Test
    void errorsAboveCapacityMissTheSloWithoutFailingTheRun() {
        step(0, 2, 0);
        step(1, 3, 0);
        step(2, 5, 17);
        step(3, 4_999, 900);

        Results.Ladder ladder = verdict();

        assertThat(ladder.maxRateWithinSlo()).isEqualTo(10_000.0);
        assertThat(ladder.failed()).isFalse();
        assertThat(ladder.problem()).isEqualTo("failed requests 17 at 15000/s, 900 at 18000/s");
    }

    @Test
    void errorsAtTheLowestStepAreADefect() {
        step(0, 2, 1);
        step(1, 3, 0);
        step(2, 5, 0);
        step(3, 6, 0);

        Results.Ladder ladder = verdict();

        assertThat(ladder.maxRateWithinSlo()).isNull();
        assertThat(ladder.failed()).isTrue();
        assertThat(LadderVerdict.headline(ladder, SLO)).contains("FAILED").contains("from the lowest step");
    }

    @Test
    void aStepTheGeneratorCouldNotDriveDoesNotCount() {
        step(0, 2, 0);
        step(1, 3, 0);
        step(2, 4, 0);
        step(3, 5, 0);
        String third = steps.get(2).requestName();
        // 150,000 users started over 12 s instead of 10: 12,500/s asked 15,000/s.
        arrivals.put(third, new Arrivals.Window(150_000, 12.0, false));

        Results.Ladder ladder = verdict();

        assertThat(ladder.steps().get(2).generatorLimited()).isTrue();
        assertThat(ladder.steps().get(2).arrivalRate()).isBetween(12_499.0, 12_500.0);
        assertThat(ladder.maxRateWithinSlo()).isEqualTo(10_000.0);
        assertThat(ladder.consistent()).isFalse();
        assertThat(ladder.generatorBound()).isTrue();
        assertThat(LadderVerdict.headline(ladder, SLO)).contains("limited by the load generator");
    }

    @Test
    void anAbandonedLadderStopsItsHeadlineAndSaysWhy() {
        step(0, 2, 0);
        step(1, 4, 0);
        step(2, 3_900, 120);
        String third = steps.get(2).requestName();
        arrivals.put(third, new Arrivals.Window(150_000, 10.0, true));
        // The fourth step ran without requests: no row, and its users were not even recorded as abandoned.

        Results.Ladder ladder = verdict();

        assertThat(ladder.steps()).extracting(Results.LadderStep::abandoned).containsExactly(false, false, true, true);
        assertThat(ladder.steps().getLast().requests()).isZero();
        assertThat(ladder.maxRateWithinSlo()).isEqualTo(10_000.0);
        assertThat(ladder.failed()).isFalse();
        assertThat(ladder.problem()).contains("abandoned from 15000/s on").doesNotContain("no requests recorded");
        assertThat(ladder.generatorBound()).isFalse();
    }

    @Test
    void aLadderAbandonedAtItsLowestStepFailed() {
        step(0, 4_000, 0);
        arrivals.put(steps.getFirst().requestName(), new Arrivals.Window(50_000, 10.0, true));

        Results.Ladder ladder = verdict();

        assertThat(ladder.failed()).isTrue();
        assertThat(ladder.maxRateWithinSlo()).isNull();
    }

    @Test
    void aStepWithoutNumbersFailsTheLadder() {
        step(0, 2, 0);
        step(1, 3, 0);
        step(2, 4, 0);

        Results.Ladder ladder = verdict();

        assertThat(ladder.failed()).isTrue();
        assertThat(ladder.problem()).contains("no requests recorded for product-by-id @ 18000/s");
        assertThat(ladder.steps().getLast().requests()).isZero();
    }

    @Test
    void aGatlingRunWithoutAReportFailsEveryLadderOfIt() {
        Results.Ladder ladder = LadderVerdict.ladder("vertx", "product-by-id", 20_000.0, steps, Map.of(), Map.of(), SLO, null,
                "Gatling exited with 1 and wrote no report");

        assertThat(ladder.failed()).isTrue();
        assertThat(ladder.maxRateWithinSlo()).isNull();
        assertThat(ladder.problem()).isEqualTo("Gatling exited with 1 and wrote no report");
    }
}
