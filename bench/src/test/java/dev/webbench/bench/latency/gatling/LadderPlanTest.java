package dev.webbench.bench.latency.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LadderPlanTest {
    private static final List<Double> FRACTIONS = List.of(0.25, 0.5, 0.75, 0.9);

    @Test
    void stepsAreFractionsOfThePeakLowestFirst() {
        List<LadderPlan.Step> steps = LadderPlan.ladder("product-by-id", 20_000, FRACTIONS, List.of());

        assertThat(steps).extracting(LadderPlan.Step::rate).containsExactly(5_000.0, 10_000.0, 15_000.0, 18_000.0);
        assertThat(steps).extracting(LadderPlan.Step::fractionOfPeak).containsExactly(0.25, 0.5, 0.75, 0.9);
        assertThat(steps.getFirst().requestName()).isEqualTo("product-by-id @ 5000/s");
    }

    @Test
    void extraRatesJoinTheLadderInOrderAndACoincidingRateKeepsItsFraction() {
        List<LadderPlan.Step> steps = LadderPlan.ladder("seed", 8_000, FRACTIONS, List.of(500.0, 4_000.0, 12_000.0));

        assertThat(steps).extracting(LadderPlan.Step::rate).containsExactly(500.0, 2_000.0, 4_000.0, 6_000.0, 7_200.0, 12_000.0);
        assertThat(steps.getFirst().fractionOfPeak()).isNull();
        assertThat(steps.get(2).fractionOfPeak()).isEqualTo(0.5);
        assertThat(steps.getLast().fractionOfPeak()).isNull();
    }

    @Test
    void ratesAreWholeRequestsPerSecondAndNeverBelowOne() {
        List<LadderPlan.Step> steps = LadderPlan.ladder("time", 3.0, FRACTIONS, List.of(0.4));

        assertThat(steps).extracting(LadderPlan.Step::rate).containsExactly(1.0, 2.0, 3.0);
    }

    @Test
    void withoutAPeakOnlyTheGivenRatesRemain() {
        assertThat(LadderPlan.ladder("time", 0, FRACTIONS, List.of(100.0))).extracting(LadderPlan.Step::rate).containsExactly(100.0);
        assertThat(LadderPlan.ladder("time", 0, FRACTIONS, List.of())).isEmpty();
    }

    @Test
    void theMixedPeakIsTheWeightedHarmonicMeanOfItsRoutes() {
        double peak = LadderPlan.mixedPeak(Map.of("product-by-id", 30_000.0, "seed", 10_000.0, "create-product", 20_000.0));

        // 1 / (0.7/30000 + 0.2/10000 + 0.1/20000)
        assertThat(peak).isCloseTo(20_689.7, within(0.1));
        assertThat(LadderPlan.mixedPeak(Map.of("product-by-id", 30_000.0, "seed", 10_000.0))).isZero();
    }

    @Test
    void thePlanSurvivesItsTripToGatlingsJvm(@TempDir Path dir) {
        LadderPlan plan = new LadderPlan("http://127.0.0.1:8080", 5, 10, 5_000,
                LadderPlan.ladder("mixed", 1_000, FRACTIONS, List.of(50.0)));
        plan.write(dir.resolve("plan.json"));

        assertThat(LadderPlan.read(dir.resolve("plan.json"))).isEqualTo(plan);
    }
}
