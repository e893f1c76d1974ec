package dev.webbench.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.of(List.of(5.0, 1.0, 3.0)).median()).isEqualTo(3.0);
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void spreadUsesTheSampleStandardDeviation() {
        Stats stats = Stats.of(List.of(90.0, 100.0, 110.0));
        assertThat(stats.min()).isEqualTo(90);
        assertThat(stats.max()).isEqualTo(110);
        assertThat(stats.mean()).isEqualTo(100);
        assertThat(stats.stdev()).isCloseTo(10.0, offset(1e-9));
        assertThat(stats.cv()).isCloseTo(0.10, offset(1e-9));
        assertThat(stats.noisy()).isTrue();
    }

    @Test
    void steadyResultsAreNotNoisyButTooFewRepetitionsAre() {
        assertThat(Stats.of(List.of(1000.0, 1010.0, 990.0)).noisy()).isFalse();
        assertThat(Stats.of(List.of(1000.0, 1000.0)).noisy()).as("two repetitions").isTrue();
        assertThat(Stats.of(List.of(0.0, 0.0, 0.0)).cv()).isZero();
    }

    @Test
    void theMediansIntervalHasItsExactCoverage() {
        // 1 - 2 P(Bin(n, 1/2) <= k - 1): the textbook values.
        assertThat(Stats.coverage(3, 1)).isEqualTo(0.75);
        assertThat(Stats.coverage(5, 1)).isEqualTo(0.9375);
        assertThat(Stats.coverage(6, 1)).isEqualTo(0.96875);
        assertThat(Stats.coverage(9, 2)).isCloseTo(1 - 2 * 10 / 512.0, offset(1e-12));
        assertThat(Stats.orderStatistic(5)).as("none reaches 95%: the widest").isEqualTo(1);
        assertThat(Stats.orderStatistic(8)).as("k = 2 covers only 92.97%").isEqualTo(1);
        assertThat(Stats.orderStatistic(9)).isEqualTo(2);
        assertThat(Stats.orderStatistic(17)).isEqualTo(5);

        Stats three = Stats.of(List.of(90.0, 100.0, 110.0));
        assertThat(List.of(three.ciLow(), three.ciHigh(), three.ciLevel())).containsExactly(90.0, 110.0, 0.75);
        assertThat(three.confident()).isFalse();
        Stats nine = Stats.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0));
        assertThat(List.of(nine.ciLow(), nine.ciHigh())).containsExactly(2.0, 8.0);
        assertThat(nine.confident()).isTrue();
    }

    @Test
    void theIntervalCoversTheTrueMedianAsOftenAsItClaimsWhateverTheDistribution() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20_261_208L);
        // Normal around 10,000 req/s (median 10,000) and exponential with mean 1 (median ln 2): 20,000 runs each.
        for (int n : List.of(6, 9, 12)) {
            int normalHits = 0;
            int exponentialHits = 0;
            int runs = 20_000;
            for (int run = 0; run < runs; run++) {
                java.util.List<Double> normal = new java.util.ArrayList<>();
                java.util.List<Double> exponential = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double u1 = random.nextDouble();
                    double u2 = random.nextDouble();
                    normal.add(10_000 + 500 * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
                    exponential.add(-Math.log(1 - random.nextDouble()));
                }
                Stats a = Stats.of(normal);
                Stats b = Stats.of(exponential);
                normalHits += a.ciLow() <= 10_000 && 10_000 <= a.ciHigh() ? 1 : 0;
                exponentialHits += b.ciLow() <= Math.log(2) && Math.log(2) <= b.ciHigh() ? 1 : 0;
            }
            double claimed = Stats.of(java.util.Collections.nCopies(n, 1.0)).ciLevel();
            assertThat(claimed).as("n = " + n).isGreaterThanOrEqualTo(Stats.CONFIDENCE);
            assertThat(normalHits / (double) runs).as("normal, n = " + n).isCloseTo(claimed, offset(0.01));
            assertThat(exponentialHits / (double) runs).as("exponential, n = " + n).isCloseTo(claimed, offset(0.01));
        }
    }

    @Test
    void overlappingIntervalsTieAndSeparatedOnesRank() {
        Stats a = Stats.of(List.of(100.0, 104.0, 102.0));
        Stats b = Stats.of(List.of(103.0, 108.0, 110.0));
        Stats c = Stats.of(List.of(120.0, 125.0, 122.0));
        assertThat(a.overlaps(b)).as("103 <= 104").isTrue();
        assertThat(b.overlaps(a)).isTrue();
        assertThat(c.above(b)).isTrue();
        assertThat(c.overlaps(b)).isFalse();
        assertThat(b.above(c)).isFalse();
    }

    @Test
    void repetitionsStopOnceTheIntervalIsConfidentAndNarrow() {
        List<Double> five = List.of(1000.0, 1010.0, 990.0, 1005.0, 995.0);
        assertThat(Stats.of(five).preciseTo(0.05)).as("5 values never reach 95%").isFalse();
        List<Double> six = List.of(1000.0, 1010.0, 990.0, 1005.0, 995.0, 1002.0);
        assertThat(Stats.of(six).relativeHalfWidth()).as("[990, 1010] around 1001").isCloseTo(0.01, offset(1e-4));
        assertThat(Stats.of(six).preciseTo(0.05)).isTrue();
        assertThat(Stats.of(six).preciseTo(0.005)).isFalse();
        assertThat(Stats.of(List.of(800.0, 1010.0, 990.0, 1005.0, 995.0, 1200.0)).preciseTo(0.05)).as("± 20%").isFalse();
    }

    @Test
    void aStatsReadFromAnOlderFileGetsMinToMaxWithItsCoverage() throws Exception {
        Stats old = Results.JSON.readValue("{\"n\":3,\"median\":2,\"min\":1,\"max\":3,\"mean\":2,\"stdev\":1,\"cv\":0.5}", Stats.class);
        assertThat(List.of(old.ciLow(), old.ciHigh(), old.ciLevel())).containsExactly(1.0, 3.0, 0.75);
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
