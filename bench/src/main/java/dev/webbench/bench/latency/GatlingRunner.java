package dev.webbench.bench.latency;

import dev.webbench.bench.target.CpuTopology;
import dev.webbench.bench.target.MachineCpu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one Gatling simulation in its own JVM (so its heap, threads and CPU stay apart from the bench's), on the
 * bench's own class path, where the simulations are compiled. Gatling writes its HTML report under
 * {@code resultsFolder}; the numbers are read back from it (see {@link GatlingReport}).
 */
public final class GatlingRunner {
    public static final String VERSION = io.gatling.javaapi.core.Simulation.class.getPackage().getImplementationVersion();

    /**
     * Gatling's own recommended JVM options (as its Maven plugin passes them), with a heap for the tens of thousands
     * of users in flight that an open model accumulates at a step above the target's capacity.
     */
    private static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled",
            "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED");

    /**
     * Percentiles 50/90/99/99.9 in the report; no anonymous usage analytics and no HTTP warm-up call to gatling.io
     * (this machine may be offline, and it would be load the target never asked for).
     */
    private static final List<String> SETTINGS = List.of("-Dgatling.data.enableAnalytics=false",
            "-Dgatling.charting.indicators.percentile1=50", "-Dgatling.charting.indicators.percentile2=90",
            "-Dgatling.charting.indicators.percentile3=99", "-Dgatling.charting.indicators.percentile4=99.9",
            "-Dgatling.http.warmUpUrl=", "-Dgatling.data.console.writePeriod=10");

    public record Run(int exitCode, Path reportDir, Map<String, GatlingReport.Row> rows, List<GatlingReport.Assertion> assertions,
                      Path log, String problem, List<MachineCpu.Sample> cpu) {
        /** Gatling ran, wrote its report, and every assertion held. */
        public boolean assertionsPassed() {
            return problem == null && exitCode == 0 && !assertions.isEmpty() && assertions.stream().allMatch(GatlingReport.Assertion::passed);
        }

        public GatlingReport.Row row(String name) {
            return rows.get(name);
        }
    }

    private final String loadCpus;

    /** @param loadCpus a taskset CPU list for the generator, or null */
    public GatlingRunner(String loadCpus) {
        this.loadCpus = loadCpus;
    }

    /**
     * Runs {@code simulation} with {@code properties} as system properties, Gatling's report going to a new folder
     * under {@code resultsFolder}; gives up after {@code timeout}.
     */
    public Run run(Class<?> simulation, Map<String, String> properties, Path resultsFolder, Duration timeout) {
        mkdirs(resultsFolder);
        Path log = resultsFolder.resolve("gatling.log");
        // An open model opens a connection for every request that finds none idle, so an overloaded step can hold
        // thousands: raise the soft descriptor limit to the hard one (Linux' default soft limit is often 1024).
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$0\" \"$@\""));
        command.addAll(CpuTopology.taskset(loadCpus));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(SETTINGS);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", classPath(), "io.gatling.app.Gatling", "--simulation", simulation.getName(),
                "--results-folder", resultsFolder.toAbsolutePath().toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Gatling: " + e.getMessage(), e);
        }
        List<MachineCpu.Sample> cpu = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            // The machine's CPU, a sample every 250 ms, so that each step can say how busy the machine was.
            while (!process.waitFor(250, TimeUnit.MILLISECONDS)) {
                MachineCpu.sample().ifPresent(cpu::add);
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return new Run(-1, null, Map.of(), List.of(), log, "Gatling did not finish within " + timeout.toSeconds() + " s; see " + log,
                            cpu);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Gatling ran", e);
        }
        List<String> console = readLines(log);
        List<GatlingReport.Assertion> assertions = GatlingReport.assertions(console);
        Path reportDir = reportDir(resultsFolder);
        if (reportDir == null) {
            return new Run(process.exitValue(), null, Map.of(), assertions, log,
                    "Gatling exited with " + process.exitValue() + " and wrote no report; see " + log + lastError(console), cpu);
        }
        try {
            Run run = new Run(process.exitValue(), reportDir, GatlingReport.read(reportDir), assertions, log, null, cpu);
            // The binary event log (tens of MB per ladder) only serves to re-render the report, which is kept.
            Files.deleteIfExists(reportDir.resolve("simulation.log"));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return new Run(process.exitValue(), reportDir, Map.of(), assertions, log, e.getMessage(), cpu);
        }
    }

    /** The bench's class path, absolute, so that a child in any folder finds the simulations and Gatling. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
    }

    private static Path reportDir(Path resultsFolder) {
        try (Stream<Path> children = Files.list(resultsFolder)) {
            return children.filter(dir -> Files.isRegularFile(dir.resolve("index.html"))).max(Path::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String lastError(List<String> console) {
        return console.stream().filter(line -> line.contains("Exception") || line.contains("ERROR")).findFirst()
                .map(line -> " (" + line.strip() + ")").orElse("");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
