package dev.webbench.bench.wrk;

import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.target.CpuTopology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs wrk (closed model: each connection waits for its response) and keeps its raw output. */
public final class Wrk {
    static final String INSTALL_HINT = "wrk is required: install it with 'sudo apt-get install wrk' (Debian/Ubuntu), "
            + "'brew install wrk' (macOS) or 'sudo dnf install wrk' (Fedora)";

    private final Path scriptDir;
    private final String loadCpus;

    public Wrk(Path scriptDir, String loadCpus) {
        this.scriptDir = scriptDir;
        this.loadCpus = loadCpus;
        writeScripts();
    }

    /** The installed version line, failing with install instructions when wrk is missing. */
    public static String version() {
        try {
            Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("wrk (unknown version)").trim();
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One run; the raw output goes to {@code rawFile}. */
    public WrkReport run(URI base, Scenario scenario, int threads, int connections, Duration duration, Path rawFile) {
        List<String> wrk = commandLine(base, scenario, threads, connections, duration);
        // bash's 'times' after wrk reports the load generator's own CPU (children's user and system time).
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\"; status=$?; times; exit $status", "wrk-with-times"));
        command.addAll(wrk);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = process.waitFor();
            Files.writeString(rawFile, String.join(" ", wrk) + "\n\n" + output);
            if (exit != 0) {
                throw new IllegalStateException("wrk exited with " + exit + "; output in " + rawFile + ":\n" + output);
            }
            return WrkReport.parse(output);
        } catch (IOException e) {
            throw new UncheckedIOException("running wrk failed: " + e.getMessage() + " (" + INSTALL_HINT + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The wrk command, pinned to the load CPUs when there are some. */
    public List<String> commandLine(URI base, Scenario scenario, int threads, int connections, Duration duration) {
        List<String> wrk = new ArrayList<>(CpuTopology.taskset(loadCpus));
        wrk.addAll(List.of("wrk", "-t" + Math.min(threads, connections), "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s",
                "--timeout", "5s", "-s", scriptDir.resolve(scriptName(scenario)).toString(), base.resolve(scenario.path()).toString()));
        return wrk;
    }

    private static String scriptName(Scenario scenario) {
        return scenario.id() + ".lua";
    }

    /** Each scenario's script is its request code (if any) followed by the shared report. */
    private void writeScripts() {
        try {
            Files.createDirectories(scriptDir);
            String report = resource("report.lua");
            for (Scenario scenario : Scenario.values()) {
                String requestCode = scenario.script() == null ? "" : resource(scenario.script()) + "\n";
                Files.writeString(scriptDir.resolve(scriptName(scenario)), requestCode + report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Wrk.class.getResourceAsStream("/wrk/" + name)) {
            if (in == null) {
                throw new IllegalStateException("wrk/" + name + " missing from the bench jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
