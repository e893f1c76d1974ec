package dev.webbench.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's stopping rule: steady throughput over the last windows, and a JIT that has mostly finished compiling. */
class WarmUpTest {
    @Test
    void aRisingCurveIsNotSteadyAFlatOneIs() {
        assertThat(Results.WarmUp.ratesSteady(List.of(2_000.0, 5_000.0, 8_000.0, 9_500.0))).isFalse();
        assertThat(Results.WarmUp.ratesSteady(List.of(2_000.0, 5_000.0, 9_700.0, 10_000.0, 9_900.0))).isTrue();
        assertThat(Results.WarmUp.ratesSteady(List.of(10_000.0, 10_000.0))).as("fewer than 3 windows").isFalse();
    }

    @Test
    void steadyThroughputWithABusyJitIsNotYetSteady() {
        List<Double> flat = List.of(9_700.0, 10_000.0, 9_900.0);
        assertThat(Results.WarmUp.steady(flat, 250.0)).isFalse();
        assertThat(Results.WarmUp.steady(flat, 4.0)).isTrue();
        assertThat(Results.WarmUp.steady(flat, null)).as("no JIT to ask (an external target)").isTrue();
        assertThat(Results.WarmUp.steady(List.of(9_000.0, 10_000.0, 11_000.0), 0.0)).as("CV 10%").isFalse();
    }
}
