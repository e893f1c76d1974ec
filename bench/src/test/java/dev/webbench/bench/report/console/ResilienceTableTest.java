package dev.webbench.bench.report.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.ResilienceResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceTableTest {
    @Test
    void tableShowsFiguresAndFailuresLoudly() {
        ResilienceResults.Soak soak = new ResilienceResults.Soak(20, 5000, Map.of(200, 5000L), 100L * 1024, 120L * 1024, 130L * 1024, 40, 41, 45,
                12.5, false, List.of());
        ResilienceResults.TargetResult ok = new ResilienceResults.TargetResult("alpha", List.of(
                new ResilienceResults.Fault("database-restart", 400, Map.of(200, 380L, 503, 20L), 20, 2100.0, 850.0, true, "down 3 s"),
                new ResilienceResults.Fault("pool-exhaustion", 300, Map.of(503, 40L), 40, 3600.0, 0.0, true, "locked"),
                new ResilienceResults.Fault("slow-consumer", 2000, Map.of(), 0, 12.0, 0.0, true, "")), soak,
                new ResilienceResults.Hostile(187, 0, 0, List.of()), true);
        ResilienceResults.TargetResult bad = new ResilienceResults.TargetResult("beta", List.of(
                new ResilienceResults.Fault("database-restart", 400, Map.of(500, 20L), 20, 9000.0, 25000.0, false, "down 3 s; unexpected statuses"),
                new ResilienceResults.Fault("pool-exhaustion", 300, Map.of(503, 40L), 40, 3600.0, 0.0, true, "locked"),
                new ResilienceResults.Fault("slow-consumer", 2000, Map.of(), 0, 12.0, 0.0, true, "")), soak,
                new ResilienceResults.Hostile(187, 3, 0, List.of("a", "b", "c")), false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResilienceTable.print(new ResilienceResults(1, "a", "b", true, "embedded", 20, List.of(ok, bad)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("alpha", "20 err, max 2100 ms, back 850 ms", "100->120 (max 130), 40->41, +13 KiB/min", " ok");
        assertThat(table).contains("beta").contains("FAILED: database-restart (down 3 s; unexpected statuses), 3 hostile case(s) failed, 0 skipped");
        assertThat(table).contains("187 tried, 0 failed", "187 tried, 3 failed");
    }
}
