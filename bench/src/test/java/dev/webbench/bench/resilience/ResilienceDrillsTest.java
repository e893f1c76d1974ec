package dev.webbench.bench.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.webbench.bench.model.ResilienceResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilienceDrillsTest {
    @Test
    void rssSlopeIsPerMinute() {
        List<ResilienceResults.Sample> growing = List.of(new ResilienceResults.Sample(0, 1000, 10), new ResilienceResults.Sample(30, 1500, 10),
                new ResilienceResults.Sample(60, 2000, 10));
        assertThat(ResilienceDrills.slopePerMinute(growing)).isCloseTo(1000, offset(1e-9));
        assertThat(ResilienceDrills.slopePerMinute(List.of(new ResilienceResults.Sample(0, 5, 1)))).isZero();
    }
}
