package dev.webbench.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CounterProbeTest {
    @Test
    void countsInTheContractsOrderAreNoViolation() {
        // Joined third of four, then two broadcast rounds with a control client.
        assertThat(CounterProbe.violations(List.of(3, 4, 5, 4, 5, 4), 4)).isZero();
        // An earlier client's leave told after this one's join.
        assertThat(CounterProbe.violations(List.of(2, 1, 2, 3, 4), 4)).isZero();
    }

    @Test
    void aCountLeavingTheListenerOutIsAViolation() {
        assertThat(CounterProbe.violations(List.of(0, 1, 2, 3, 4), 4)).isEqualTo(1);
    }

    @Test
    void aSkippedOrRepeatedCountIsAViolation() {
        assertThat(CounterProbe.violations(List.of(1, 3, 4), 4)).isEqualTo(1);
        assertThat(CounterProbe.violations(List.of(1, 2, 2, 3, 4), 4)).isEqualTo(1);
    }

    @Test
    void notEndingAtEveryoneConnectedIsAViolation() {
        assertThat(CounterProbe.violations(List.of(1, 2, 3), 4)).isEqualTo(1);
        assertThat(CounterProbe.violations(List.of(), 4)).isEqualTo(1);
        assertThat(CounterProbe.violations(List.of(-1, 4), 4)).isEqualTo(2);
    }
}
