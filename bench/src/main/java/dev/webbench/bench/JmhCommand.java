package dev.webbench.bench;

import dev.webbench.bench.jmh.MicroBenchmark;
import dev.webbench.bench.report.JmhSection;
import dev.webbench.bench.report.RunReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./compare jmh}: the JMH suite in dev.webbench.bench.jmh, its results beside a run's results.json. */
@Command(name = "jmh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "JMH micro-benchmarks of the per-request work where the implementations differ: encoding the /brands payload "
                + "with each JSON path they use, formatting the Date header, parsing a POST /product body. One thread, ns per "
                + "operation. Writes jmh.json and jmh.txt into the run folder and, if it holds a results.json, re-renders its "
                + "reports, whose summary then explains the scores against the measured per-request CPU.",
        footer = {"", "Exit status: 0 = every benchmark ran, 1 = one failed or none matched."})
final class JmhCommand implements Callable<Integer> {
    static final String HUMAN_OUTPUT = "jmh.txt";

    @Option(names = "--quick", description = "1 fork, 2 x 1 s warm-up, 3 x 1 s measured per benchmark (about 1 min in all on 2 cores). "
            + "Default: " + MicroBenchmark.FORKS + " forks of " + MicroBenchmark.WARMUP_ITERATIONS + " x 1 s warm-up and "
            + MicroBenchmark.MEASUREMENT_ITERATIONS + " x 1 s measured (about 3.5 min).")
    boolean quick;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Benchmarks to run, matched against dev.webbench.bench.jmh.<Class>.<path> (default: every *Benchmark).")
    String include = "Benchmark\\.";

    @Option(names = "--run", paramLabel = "DIR", description = "Run folder to write into (default reports/latest if it exists, "
            + "else a new reports/runs/<UTC time>).")
    Path run;

    @Override
    public Integer call() throws IOException {
        PrintStream console = System.out;
        Path runDir = runDir(Compare.repoRoot());
        Compare.mkdirs(runDir);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(runDir.resolve(JmhSection.FILE).toString());
        if (Runtime.version().feature() >= 23) {
            // JMH 1.37 reads fields through sun.misc.Unsafe; say it is fine rather than have every fork warn (the flag is JDK 23+).
            options.jvmArgsPrepend("--sun-misc-unsafe-memory-access=allow");
        }
        if (quick) {
            options.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3).measurementTime(TimeValue.seconds(1));
        }
        console.printf("Run folder: %s%nJMH: %s, benchmarks matching /%s/; JMH's log goes to %s too.%n", runDir,
                quick ? "quick (1 fork, 2 x 1 s warm-up, 3 x 1 s)" : "full (" + MicroBenchmark.FORKS + " forks, "
                        + MicroBenchmark.WARMUP_ITERATIONS + " x 1 s warm-up, " + MicroBenchmark.MEASUREMENT_ITERATIONS + " x 1 s)",
                include, HUMAN_OUTPUT);
        long started = System.nanoTime();
        try (OutputStream log = Files.newOutputStream(runDir.resolve(HUMAN_OUTPUT));
             PrintStream both = new PrintStream(new Tee(console, log), true, StandardCharsets.UTF_8)) {
            new Runner(options.build(), OutputFormatFactory.createFormatInstance(both, VerboseMode.NORMAL)).run();
        } catch (NoBenchmarksException e) {
            console.println("compare jmh: no benchmark matches /" + include + "/ (e.g. BrandsJson, DateHeader.*Cached)");
            return 1;
        } catch (RunnerException e) {
            console.println("compare jmh: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            return 1;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        console.println();
        JmhSection.print(JmhSection.read(runDir), console);
        console.println();
        console.printf(Locale.ROOT, "WARNING: %d CPU(s) shared with whatever else runs here: short runs give wide error bars, and the "
                + "error column says how wide. Paths whose score ± error overlap are ties; rerun %son an idle machine before reading "
                + "small differences.%n", Runtime.getRuntime().availableProcessors(), quick ? "without --quick " : "");
        console.printf(Locale.ROOT, "Took %d min %02d s. Wrote %s and %s%n", took.toMinutes(), took.toSecondsPart(),
                runDir.resolve(JmhSection.FILE), runDir.resolve(HUMAN_OUTPUT));
        renderReports(runDir, console);
        return 0;
    }

    private Path runDir(Path root) throws IOException {
        if (run != null) {
            return run.toAbsolutePath();
        }
        Path latest = root.resolve("reports/latest");
        if (Files.isDirectory(latest)) {
            return latest.toRealPath();
        }
        return root.resolve("reports/runs").resolve(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
    }

    /** The section lands in summary.md and index.html only where a bench run left results.json. */
    private static void renderReports(Path runDir, PrintStream console) {
        if (!Files.isRegularFile(runDir.resolve(RunReport.RESULTS))) {
            console.println("No " + RunReport.RESULTS + " in " + runDir + ": no report to update (run ./compare, then ./compare jmh --run "
                    + "with its folder, to get the JMH section in its summary).");
            return;
        }
        try {
            RunReport.render(runDir).forEach(file -> console.println("Wrote " + file));
        } catch (RuntimeException e) {
            console.println("WARNING: reports not rendered (" + e + "); retry with ./compare report " + runDir);
        }
    }

    /** JMH's human-readable log, on the console as it runs and in jmh.txt. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        /** Closes the log only: the console stays open for what follows. */
        @Override
        public void close() throws IOException {
            first.flush();
            second.close();
        }
    }
}
