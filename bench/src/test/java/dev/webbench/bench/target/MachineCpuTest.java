package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
    private static final List<MachineCpu.Sample> SAMPLES = List.of(
            new MachineCpu.Sample(1_000, 100, 200), new MachineCpu.Sample(1_250, 140, 250),
            new MachineCpu.Sample(1_500, 189, 300), new MachineCpu.Sample(1_750, 200, 350));

    @Test
    void theBusyShareSpansTheSamplesAroundTheInterval() {
        // From the sample at 1,250 to the one at 1,500: 49 busy of 50.
        assertThat(MachineCpu.busyBetween(SAMPLES, 1_300, 1_450)).isEqualTo(0.98);
        // The whole run: 100 busy of 150.
        assertThat(MachineCpu.busyBetween(SAMPLES, 900, 2_000)).isEqualTo(0.667);
    }

    @Test
    void unknownWithoutSamplesOrAnInterval() {
        assertThat(MachineCpu.busyBetween(List.of(), 1_000, 2_000)).isNull();
        assertThat(MachineCpu.busyBetween(SAMPLES, 0, 0)).isNull();
    }

    @Test
    void thisMachineCanBeSampled() {
        assertThat(MachineCpu.sample()).hasValueSatisfying(s -> assertThat(s.total()).isGreaterThanOrEqualTo(s.busy()).isPositive());
    }
}
