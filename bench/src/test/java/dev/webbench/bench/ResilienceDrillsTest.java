package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceDrillsTest {
    @Test
    void rssSlopeIsPerMinute() {
        List<ResilienceDrills.Sample> growing = List.of(new ResilienceDrills.Sample(0, 1000, 10), new ResilienceDrills.Sample(30, 1500, 10),
                new ResilienceDrills.Sample(60, 2000, 10));
        assertThat(ResilienceDrills.slopePerMinute(growing)).isCloseTo(1000, offset(1e-9));
        assertThat(ResilienceDrills.slopePerMinute(List.of(new ResilienceDrills.Sample(0, 5, 1)))).isZero();
    }

    @Test
    void tableShowsFiguresAndFailuresLoudly() {
        ResilienceDrills.Soak soak = new ResilienceDrills.Soak(20, 5000, Map.of(200, 5000L), 100 * 1024, 120 * 1024, 130 * 1024, 40, 41, 45,
                12.5, false, List.of());
        ResilienceDrills.TargetResult ok = new ResilienceDrills.TargetResult("alpha", List.of(
                new ResilienceDrills.Fault("database-restart", 400, Map.of(200, 380L, 503, 20L), 20, 2100, 850, true, "down 3 s"),
                new ResilienceDrills.Fault("pool-exhaustion", 300, Map.of(503, 40L), 40, 3600, 0, true, "locked"),
                new ResilienceDrills.Fault("slow-consumer", 2000, Map.of(), 0, 12, 0, true, "")), soak,
                new ResilienceDrills.Hostile(187, 0, 0, List.of()), true);
        ResilienceDrills.TargetResult bad = new ResilienceDrills.TargetResult("beta", List.of(
                new ResilienceDrills.Fault("database-restart", 400, Map.of(500, 20L), 20, 9000, 25000, false, "down 3 s; unexpected statuses"),
                new ResilienceDrills.Fault("pool-exhaustion", 300, Map.of(503, 40L), 40, 3600, 0, true, "locked"),
                new ResilienceDrills.Fault("slow-consumer", 2000, Map.of(), 0, 12, 0, true, "")), soak,
                new ResilienceDrills.Hostile(187, 3, 0, List.of("a", "b", "c")), false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResilienceCommand.print(new ResilienceResults(1, "a", "b", true, "embedded", 20, List.of(ok, bad)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("alpha", "20 err, max 2100 ms, back 850 ms", "100->120 (max 130), 40->41, +13 KiB/min", " ok");
        assertThat(table).contains("beta").contains("FAILED: database-restart (down 3 s; unexpected statuses), 3 hostile case(s) failed, 0 skipped");
        assertThat(table).contains("187 tried, 0 failed", "187 tried, 3 failed");
    }
}
