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
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
