package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.ResilienceResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ResilienceReportTest {

    public static ResilienceResults fixture() {
        ResilienceResults.Soak soak = new ResilienceResults.Soak(20, 12_345, Map.of(200, 11_000L, 201, 1_345L), 150L * 1024, 300L * 1024,
                310L * 1024, 40, 42, 44, 100, false, List.of());
        List<ResilienceResults.Fault> survived = List.of(
                new ResilienceResults.Fault("database-restart", 400, Map.of(200, 379L, 503, 21L), 21, 2021.0, 881.0, true, "down 3 s"),
                new ResilienceResults.Fault("pool-exhaustion", 300, Map.of(503, 39L), 39, 3571.0, 0.0, true, "locked"),
                new ResilienceResults.Fault("slow-consumer", 2000, Map.of(), 0, 9.0, 0.0, true, ""),
                new ResilienceResults.Fault("shutdown-under-load", 900, Map.of(201, 800L), 0, 1200.0, 0.0, true,
                        "800 acknowledged, 800 rows; stopped in 1200 ms"));
        List<ResilienceResults.Fault> lost = List.of(survived.get(0), survived.get(1), survived.get(2),
                new ResilienceResults.Fault("shutdown-under-load", 900, Map.of(201, 800L), 0, 1200.0, 0.0, false,
                        "800 acknowledged, 790 rows; stopped in 1200 ms; ACKNOWLEDGED WRITES LOST"));
        ResilienceResults.Hostile clean = new ResilienceResults.Hostile(187, 0, 0, List.of());
        ResilienceResults.Hostile broken = new ResilienceResults.Hostile(187, 2, 0, List.of(
                "host-missing [RFC 9112 §3.2: MUST answer 400]:\n      expected: 400 but was: 200", "ws-ping-flood: server died"));
        return new ResilienceResults(ResilienceResults.SCHEMA_VERSION, "2026-11-25T14:00:00Z", "2026-11-25T14:05:00Z", true, "embedded", 20,
                List.of(new ResilienceResults.TargetResult("alpha", survived, soak, clean, true),
                        new ResilienceResults.TargetResult("beta", lost, soak, broken, false)));
    }

    @Test
    void resilienceRunRendersBothReportsWithEveryFigure(@TempDir Path dir) throws Exception {
        fixture().write(dir.resolve(ResilienceResults.FILE));
        List<Path> written = RunReport.render(dir);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("index.html", "summary.md");
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("21 errors, slowest 2021 ms, back in 881 ms", "39 errors, slowest 3571 ms, back in 0 ms",
                "slowest update 9 ms", "800 acknowledged, 800 rows", "12,345 (0)", "150 MiB → 300 MiB (310 MiB)", "40 → 42", "survived");
        assertThat(html).contains("<tr class=\"failed\"><th scope=\"row\">beta</th>").contains("ACKNOWLEDGED WRITES LOST")
                .contains("id=\"problems\"").contains("Hostile clients tried").contains("a 10 MB body")
                .contains("187 tried, 0 failed").contains("FAILED: 187 tried, 2 failed (host-missing [RFC 9112 §3.2: MUST answer 400]:; ws-ping-flood: server died)");
        assertThat(html).doesNotContain("<script");
        String markdown = Files.readString(dir.resolve("summary.md"));
        assertThat(markdown).contains("# Resilience", "**At least one target FAILED a drill.**", "| alpha |", "Hostile clients tried");
    }

    @Test
    void aSchemaOneRunWithoutHostileFiguresStillRenders(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode run = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(writeFixture(dir).toFile());
        run.put("schema_version", 1);
        run.withArray("targets").forEach(target -> ((com.fasterxml.jackson.databind.node.ObjectNode) target).remove("hostile"));
        assertThat(run.toString()).doesNotContain("hostile");
        json.writeValue(dir.resolve(ResilienceResults.FILE).toFile(), run);
        RunReport.render(dir);
        assertThat(Files.readString(dir.resolve("index.html"))).contains("survived").contains("Hostile clients tried");
    }

    @Test
    void aSkippedFaultWrittenAsMinusOneBeforeSchemaThreeStillReadsAsSkipped(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode run = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(writeFixture(dir).toFile());
        run.put("schema_version", 2);
        com.fasterxml.jackson.databind.node.ObjectNode restart = (com.fasterxml.jackson.databind.node.ObjectNode) run.at("/targets/0/faults/0");
        restart.put("max_latency_millis", 0).put("recovery_millis", -1).put("note", "skipped: the external database is not ours to restart");
        json.writeValue(dir.resolve(ResilienceResults.FILE).toFile(), run);
        ResilienceResults read = ResilienceResults.read(dir.resolve(ResilienceResults.FILE));
        assertThat(read.targets().getFirst().faults().getFirst().recoveryMillis()).isNull();
        RunReport.render(dir);
        assertThat(Files.readString(dir.resolve("index.html"))).contains("skipped: the external database is not ours to restart")
                .doesNotContain("back in -1");
    }

    private static Path writeFixture(Path dir) {
        Path file = dir.resolve(ResilienceResults.FILE);
        fixture().write(file);
        return file;
    }
}
