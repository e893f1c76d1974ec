package dev.webbench.bench;

import dev.webbench.bench.latency.LadderPlan;
import dev.webbench.bench.report.RunReport;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./compare}: the suite's main job. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        version = "webbench compare 0.1",
        description = {
            "Starts every implementation (and each thread-model variant) from its runnable jar against the same seeded "
                + "PostgreSQL, measures peak throughput with wrk beside an HTTP ceiling and a database ceiling, then latency at "
                + "fixed arrival rates (Gatling open model: 25/50/75/90% of each target's wrk peak, per endpoint and on a mix) and "
                + "the WebSocket counter under a connection ramp (Gatling, then a broadcast-latency probe). Writes "
                + "reports/runs/<UTC time>/results.json plus the raw tool output and Gatling's reports, then renders index.html "
                + "and summary.md there. PostgreSQL is embedded unless PGHOST is set.",
            ""},
        subcommands = {Compare.Database.class, Compare.Report.class, Compare.Diff.class, ResilienceCommand.class, JmhCommand.class},
        footer = {"", "Exit status: 0 = all measurements clean, 1 = some saw errors (see FAILED rows: wrk errors, a ladder that could "
                + "not be measured or erred at its lowest step, a WebSocket run whose counts broke the contract), 2 = usage or setup error.",
                "Ladder steps above a server's capacity may err (fast 503s, timeouts): they miss the SLO, are reported, and do not fail the run."})
public final class Compare implements Callable<Integer> {

    @Option(names = "--quick", description = "Smoke run: wrk 3 x 1 s per workload, 1 s warm-up, 64 connections; ladders on product-by-id and mixed with "
            + "2 s steps; WebSocket with 100 clients (about 8 minutes for the six targets on 2 cores).")
    boolean quick;

    @Option(names = "--impl", split = ",", paramLabel = "NAME", description = "Implementations to run, e.g. servlet,netty (default: every impl-* found).")
    List<String> implementations = new ArrayList<>();

    @Option(names = "--scenario", split = ",", paramLabel = "ID",
            description = "Scenarios: seed, product-by-id, time, create-product (default: all).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured seconds per repetition (default 15; quick 1).")
    Integer duration;

    @Option(names = "--connections", paramLabel = "N", description = "wrk connections (default 200 as in the original comparison; quick 64).")
    Integer connections;

    @Option(names = "--repetitions", paramLabel = "N", description = "Interleaved repetitions per workload, at least 3 for a median (default 3).")
    Integer repetitions;

    @Option(names = "--threads", paramLabel = "N", description = "wrk threads (default 2).")
    int wrkThreads = 2;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up per target and workload after a 3 s primer, not measured (default 5; quick 1, no primer).")
    Integer warmup;

    @Option(names = "--sweep", split = ",", paramLabel = "C",
            description = "Extra product-by-id runs at these concurrencies (default 16,64,256; quick none; 0 = none).")
    List<Integer> sweep;

    @Option(names = "--slo", paramLabel = "MILLIS",
            description = "Latency objective of the ladders: the headline is the highest rate whose p99 stays within it with no errors (default 10).")
    double sloMillis = 10;

    @Option(names = "--rates", split = ",", paramLabel = "PER_SECOND",
            description = "Extra fixed arrival rates for every ladder, besides 25/50/75/90% of the target's wrk peak in this run.")
    List<Double> rates = new ArrayList<>();

    @Option(names = "--ladder-seconds", paramLabel = "SECONDS", description = "Seconds per ladder step (default 10; quick 2).")
    Integer ladderSeconds;

    @Option(names = "--ladders", split = ",", paramLabel = "ENDPOINT",
            description = "Endpoints to ladder: scenario ids and 'mixed' (70% product-by-id, 20% brands, 10% create) "
                    + "(default: every measured scenario and mixed; quick product-by-id,mixed).")
    List<String> ladders;

    @Option(names = "--ws-clients", split = ",", paramLabel = "N",
            description = "WebSocket counter runs, one per client count (default 100,1000; quick 100).")
    List<Integer> websocketClients;

    @Option(names = "--skip-latency", description = "wrk only: no Gatling ladders and no WebSocket runs.")
    boolean skipLatency;

    @Option(names = "--target", paramLabel = "NAME=URL", description = "Also measure a running server that speaks the contract, e.g. flask=http://10.0.0.5:8000.")
    List<String> externalTargets = new ArrayList<>();

    @Option(names = "--server-cpus", paramLabel = "LIST", description = "Pin the servers with taskset -c LIST (e.g. 0).")
    String serverCpus;

    @Option(names = "--load-cpus", paramLabel = "LIST", description = "Pin wrk with taskset -c LIST (e.g. 1).")
    String loadCpus;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default reports/runs/<UTC time>, and reports/latest links to it).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Compare()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("webbench.root", ".")).toAbsolutePath().normalize();
    }

    Results.Settings settings() {
        int reps = repetitions != null ? repetitions : 3;
        if (reps < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repetitions must be at least 1");
        }
        List<String> chosen = scenarios.isEmpty() ? java.util.Arrays.stream(Scenario.values()).map(Scenario::id).toList()
                : scenarios.stream().map(s -> Scenario.parse(s).id()).toList();
        List<Integer> sweepConnections = sweep != null ? sweep.stream().filter(c -> c > 0).toList()
                : quick ? List.of() : List.of(16, 64, 256);
        int warm = warmup != null ? warmup : quick ? 1 : 5;
        return new Results.Settings(quick ? "quick" : "full", chosen,
                duration != null ? duration : quick ? 1 : 15,
                connections != null ? connections : quick ? 64 : 200,
                wrkThreads, reps, quick ? 0 : 3, warm, sweepConnections, ServerProcess.JVM_FLAGS, serverCpus, loadCpus,
                Runtime.getRuntime().availableProcessors() * 2 + 1);
    }

    /** The ladder and WebSocket phase after wrk, or null with --skip-latency. */
    LatencyPhase.Options latencyOptions() {
        if (skipLatency) {
            return null;
        }
        CommandLine cmd = new CommandLine(this);
        if (!(sloMillis > 0)) {
            throw new CommandLine.ParameterException(cmd, "--slo must be a positive number of milliseconds");
        }
        if (rates.stream().anyMatch(r -> !(r >= 1))) {
            throw new CommandLine.ParameterException(cmd, "--rates must be at least 1 request per second each");
        }
        int step = ladderSeconds != null ? ladderSeconds : quick ? 2 : 10;
        List<String> endpoints = ladders != null ? ladders : quick ? List.of(Scenario.PRODUCT_BY_ID.id(), LadderPlan.MIXED) : List.of();
        for (String endpoint : endpoints) {
            if (!endpoint.equals(LadderPlan.MIXED)) {
                try {
                    Scenario.parse(endpoint);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cmd, "--ladders: " + e.getMessage() + ", " + LadderPlan.MIXED);
                }
            }
        }
        if (step < 1) {
            throw new CommandLine.ParameterException(cmd, "--ladder-seconds must be at least 1");
        }
        List<Integer> clients = websocketClients != null ? websocketClients : quick ? List.of(100) : List.of(100, 1000);
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 20_000)) {
            throw new CommandLine.ParameterException(cmd, "--ws-clients must be between 1 and 20000 each");
        }
        // Gatling's own JVM starts cold: its first seconds are slow whatever the server does, hence the warm-up.
        return new LatencyPhase.Options(sloMillis, List.of(0.25, 0.5, 0.75, 0.9), List.copyOf(rates), quick ? 5 : 10, step, endpoints, clients,
                quick ? 5 : 20);
    }

    @Override
    public Integer call() {
        PrintStream console = System.out;
        Results.Settings settings = settings();
        LatencyPhase.Options latency = latencyOptions();
        Path root = repoRoot();
        List<Target> targets = new ArrayList<>(Targets.implementations(root, implementations));
        Path benchJar = root.resolve("bench/target/bench.jar");
        if (Files.isRegularFile(benchJar)) {
            targets.add(Targets.httpCeiling(benchJar, root));
        } else {
            console.println("WARNING: " + benchJar + " missing: no HTTP ceiling in this run (./compare builds it)");
        }
        externalTargets.stream().map(Targets::external).forEach(targets::add);
        if (settings.repetitions() < 3) {
            console.println("WARNING: fewer than 3 repetitions: every result will be flagged NOISY");
        }
        Path runDir = out != null ? out.toAbsolutePath()
                : root.resolve("reports/runs").resolve(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        mkdirs(runDir);
        console.printf("Run folder: %s%nTargets: %s%n", runDir, String.join(", ", targets.stream().map(Target::name).toList()));
        Results results = new BenchRun(settings, latency, targets, root, runDir, console).execute();
        results.write(runDir.resolve("results.json"));
        renderReports(runDir, console);
        if (out == null) {
            linkLatest(root.resolve("reports/latest"), runDir);
        }
        SummaryTable.print(results, console);
        console.println("Wrote " + runDir.resolve("results.json"));
        return results.failed() ? 1 : 0;
    }

    /** A rendering bug must not cost the run: results.json is written, and ./compare report can render it again. */
    private static void renderReports(Path runDir, PrintStream console) {
        try {
            RunReport.render(runDir);
            console.println("Wrote " + runDir.resolve("index.html") + " and " + runDir.resolve("summary.md"));
        } catch (RuntimeException e) {
            console.println("WARNING: reports not rendered (" + e + "); retry with ./compare report " + runDir);
        }
    }

    private static void linkLatest(Path link, Path runDir) {
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, link.getParent().relativize(runDir));
        } catch (IOException | UnsupportedOperationException e) {
            System.out.println("WARNING: could not link " + link + ": " + e.getMessage());
        }
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ./compare db}: a seeded PostgreSQL for running an implementation by hand. */
    @Command(name = "db", mixinStandardHelpOptions = true,
            description = "Start PostgreSQL exactly as the tests and the bench do (embedded unless PGHOST is set), load the seed, "
                    + "print the PG* variables to use, and keep it running until Ctrl-C.")
    static final class Database implements Callable<Integer> {
        @Override
        public Integer call() throws InterruptedException {
            Postgres postgres = PostgresProvisioner.fromEnvironment();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                postgres.close();
                stopped.countDown();
            }));
            PostgresProvisioner.seed(postgres);
            var pg = postgres.settings();
            System.out.printf("PostgreSQL %s (%s) is seeded and running. In another shell:%n%n", postgres.serverVersion(), postgres.provider());
            System.out.printf("  export PGHOST=%s PGPORT=%d PGDATABASE=%s PGUSER=%s PGPASSWORD=%s%n", pg.host(), pg.port(), pg.database(),
                    pg.user(), pg.password().isEmpty() ? "''" : pg.password());
            System.out.printf("  java -jar impl-servlet/target/impl-servlet.jar%n%nCtrl-C stops it.%n");
            stopped.await();
            return 0;
        }
    }

    /** {@code ./compare report RUN_DIR}: re-render an older run from its results.json. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Render index.html (self-contained, opens from disk), summary.md (for an ADR) and its PNG charts into a run "
                    + "folder from the results.json there. Needs no server, database or wrk.",
            footer = {"", "Example: ./compare report reports/latest"})
    static final class Report implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR", description = "A run folder holding results.json, e.g. reports/runs/20261125T131925Z.")
        Path runDir;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(runDir.resolve("results.json"))) {
                System.err.println("compare report: " + runDir + " holds no results.json");
                return 2;
            }
            RunReport.render(runDir).forEach(file -> System.out.println("Wrote " + file));
            return 0;
        }
    }

    /** {@code ./compare diff BASE_RUN NEW_RUN}: what changed beyond the runs' own noise. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compare two runs per target, workload and metric (median req/s, p99, req/CPU-s). A change is flagged only "
                    + "when it exceeds the larger of either run's min-max spread and 2x the pooled coefficient of variation; smaller "
                    + "ones are shown as within noise. Prints a table and writes diff.md and diff.json into NEW_RUN."},
            footer = {"", "Exit status: 0 whether or not there are regressions (they are marked REGRESSION); 2 = a folder lacks results.json."})
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "BASE_RUN", description = "The run folder to compare against.")
        Path base;

        @Parameters(index = "1", paramLabel = "NEW_RUN", description = "The newer run folder; diff.md and diff.json are written here.")
        Path current;

        @Override
        public Integer call() {
            for (Path runDir : List.of(base, current)) {
                if (!Files.isRegularFile(runDir.resolve("results.json"))) {
                    System.err.println("compare diff: " + runDir + " holds no results.json");
                    return 2;
                }
            }
            RunReport.diff(base, current, System.out);
            return 0;
        }
    }
}
