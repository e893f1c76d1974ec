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

    /** Schema 4: the kit's database faults, each with its write ledger, and SIGTERM on the ledger too. */
    static ResilienceResults ledgerFixture() {
        ResilienceResults.Soak soak = new ResilienceResults.Soak(20, 12_345, Map.of(200, 11_000L, 201, 1_345L), 150L * 1024, 300L * 1024,
                310L * 1024, 40, 42, 44, 100, false, List.of());
        ResilienceResults.Fault freeze = new ResilienceResults.Fault("freeze", 250, Map.of(200, 230L, 503, 20L), 20, 4018.0, 45.0, true,
                "frozen 6000 ms", new ResilienceResults.Ledger(125, 110, 12, 3, 0, 0, 0));
        ResilienceResults.Fault restart = new ResilienceResults.Fault("restart-fast", 300, Map.of(200, 200L, 503, 100L), 100, 1031.0, 12.0, true,
                "down 1152 ms", new ResilienceResults.Ledger(150, 100, 50, 0, 0, 0, 0));
        ResilienceResults.Fault lostOne = new ResilienceResults.Fault("restart-immediate", 300, Map.of(200, 200L, 503, 100L), 100, 1065.0, 20.0,
                false, "down 1110 ms; 1 problem(s), first: ledger: POST ledger-x-7 (brand 8): 201 -> LOST",
                new ResilienceResults.Ledger(150, 99, 50, 0, 1, 0, 0));
        ResilienceResults.Fault sigterm = new ResilienceResults.Fault(ResilienceResults.TargetResult.SHUTDOWN_UNDER_LOAD, 900, Map.of(201, 450L, 200, 450L),
                0, 1200.0, null, true, "exit 143 after 1200 ms", new ResilienceResults.Ledger(450, 450, 0, 0, 0, 0, 0));
        ResilienceResults.Hostile clean = new ResilienceResults.Hostile(228, 0, 0, List.of());
        return new ResilienceResults(ResilienceResults.SCHEMA_VERSION, "2026-11-29T03:00:00Z", "2026-11-29T03:05:00Z", true, "embedded", 20,
                List.of(new ResilienceResults.TargetResult("alpha", List.of(restart, freeze, sigterm), soak, clean, true),
                        new ResilienceResults.TargetResult("beta", List.of(restart, lostOne, sigterm), soak, clean, false)));
    }

    @Test
    void theKitsFaultsShowWhatBecameOfEveryWrite(@TempDir Path dir) throws Exception {
        ledgerFixture().write(dir.resolve(ResilienceResults.FILE));
        assertThat(ResilienceResults.read(dir.resolve(ResilienceResults.FILE)).targets().getFirst().faults().get(1).ledger())
                .as("the ledger survives the round trip").isEqualTo(new ResilienceResults.Ledger(125, 110, 12, 3, 0, 0, 0));
        RunReport.render(dir);
        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("2 faults, 275 POSTs: 0 lost, 0 duplicated, 0 written wrongly, 3 ambiguous; slowest 4018 ms; back within 45 ms")
                .contains("FAILED restart-immediate: 2 faults, 300 POSTs: 1 lost")
                .contains("What became of every write").contains("<td>freeze</td>").contains("0.05 s")
                .contains("<td>shutdown-under-load</td>").contains("201 -&gt; LOST");
        String markdown = Files.readString(dir.resolve("summary.md"));
        assertThat(markdown).contains("## What became of every write", "| beta | restart-immediate | 150 | 99 | 50 | 0 | 1 | 0 | 0 |");
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
