package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.ResilienceResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bench.jar's report and diff subcommands. Proves the thin jar finds the ECharts bundle on its class
 * path (target/lib, copied beside it), and that both commands work without wrk, a database or a server.
 */
class ReportCommandIT {
    private static final Path JAR = Path.of(System.getProperty("kit.jar", "target/bench.jar"));

    @Test
    void reportRendersARunFolderAndDiffComparesTwo(@TempDir Path dir) throws Exception {
        Path base = Fixtures.runFolder(dir, "base", Fixtures.quickRun());
        Path current = Fixtures.runFolder(dir, "new", Fixtures.scaled(Fixtures.quickRun(), "servlet-platform", "product-by-id", 0.6));

        assertThat(run(dir, "report", base.toString())).contains("Wrote " + base.resolve("index.html"));
        assertThat(Files.readString(base.resolve("index.html"))).contains("Licensed to the Apache Software Foundation")
                .contains("data-charts-expected=\"13\"");
        assertThat(base.resolve("summary.md")).exists();
        assertThat(base.resolve("throughput.png")).exists();

        assertThat(run(dir, "diff", base.toString(), current.toString())).contains("REGRESSION").contains("2 regression(s)");
        assertThat(current.resolve("diff.md")).exists();
        assertThat(current.resolve("diff.json")).exists();
    }

    @Test
    void reportRendersAResilienceRunFolderToo(@TempDir Path dir) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("resilience"));
        ResilienceReportTest.fixture().write(runDir.resolve(ResilienceResults.FILE));

        assertThat(run(dir, "report", runDir.toString())).contains("Wrote " + runDir.resolve("index.html"));
        assertThat(Files.readString(runDir.resolve("index.html"))).contains("<h1>Resilience</h1>");
    }

    private static String run(Path dir, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile(dir, "compare", ".log");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("compare " + args[0] + " finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("compare " + String.join(" ", args) + ":\n" + output).isZero();
        return output;
    }
}
