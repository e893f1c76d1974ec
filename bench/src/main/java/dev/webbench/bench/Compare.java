package dev.webbench.bench;

import dev.webbench.bench.ceiling.GeneratorCeiling;
import dev.webbench.bench.ceiling.HttpCeiling;
import dev.webbench.bench.latency.LatencyPhase;
import dev.webbench.bench.model.ResilienceResults;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.report.RunReport;
import dev.webbench.bench.report.console.SummaryTable;
import dev.webbench.bench.report.diff.RunDiff;
import dev.webbench.bench.run.BenchRun;
import dev.webbench.bench.run.Preset;
import dev.webbench.bench.target.CpuTopology;
import dev.webbench.bench.target.DatabaseBudgets;
import dev.webbench.bench.target.Peers;
import dev.webbench.bench.target.Target;
import dev.webbench.bench.target.Targets;
import dev.webbench.conformance.JarProcess;
import dev.webbench.config.AppConfig;
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
import java.util.Arrays;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./compare}: the suite's main job. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        version = "webbench compare 0.1",
        description = {
            "Starts every implementation (and each thread-model variant) from its runnable jar against the same seeded "
                + "PostgreSQL, measures peak throughput with wrk beside a generator, an HTTP and per-budget database ceilings, then latency at "
                + "fixed arrival rates (Gatling open model: 25/50/75/90%% of each target's wrk peak, per endpoint and on a mix) and "
                + "the WebSocket counter under a connection ramp (Gatling, then a broadcast-latency probe). Writes "
                + "reports/runs/<UTC time>/results.json plus the raw tool output and Gatling's reports, then renders index.html "
                + "and summary.md there. PostgreSQL is embedded unless PGHOST is set.",
            ""},
        subcommands = {Compare.Database.class, Compare.Report.class, Compare.Diff.class, ResilienceCommand.class, JmhCommand.class},
        footer = {"", "Exit status: 0 = all measurements clean, 1 = some saw errors (see FAILED rows: wrk errors, a ladder that could "
                + "not be measured or erred at its lowest step, a WebSocket run whose counts broke the contract), 2 = usage or setup error.",
                "Ladder steps above a server's capacity may err (fast 503s, timeouts): they miss the SLO, are reported, and do not fail the run."})
public final class Compare implements Callable<Integer> {
    @Option(names = "--quick", descriptionKey = "quick")
    boolean quick;

    @Option(names = "--impl", split = ",", paramLabel = "NAME", description = "Implementations to run, e.g. servlet,netty (default: every impl-* found).")
    List<String> implementations = new ArrayList<>();

    @Option(names = "--scenario", split = ",", paramLabel = "ID",
            description = "Scenarios: seed, product-by-id, time, create-product (default: all; quick: product-by-id and seed).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "SECONDS", descriptionKey = "duration")
    Integer duration;

    @Option(names = "--connections", paramLabel = "N", descriptionKey = "connections")
    Integer connections;

    @Option(names = "--repetitions", paramLabel = "N", descriptionKey = "repetitions")
    Integer repetitions;

    @Option(names = "--max-repetitions", paramLabel = "N", descriptionKey = "max-repetitions")
    Integer maxRepetitions;

    @Option(names = "--precision", paramLabel = "FRACTION", descriptionKey = "precision")
    Double precision;

    @Option(names = "--all-thread-models", description = "With --quick: every thread model of each implementation, not only its default.")
    boolean allThreadModels;

    @Option(names = "--threads", paramLabel = "N", description = "wrk threads (default 2).")
    int wrkThreads = 2;

    @Option(names = "--warmup", paramLabel = "SECONDS", descriptionKey = "warmup")
    Integer warmup;

    @Option(names = "--sweep", split = ",", paramLabel = "C", descriptionKey = "sweep")
    List<Integer> sweep;

    @Option(names = "--slo", paramLabel = "MILLIS",
            description = "Latency objective of the ladders: the headline is the highest rate whose p99 stays within it with no errors (default 10).")
    double sloMillis = 10;

    @Option(names = "--rates", split = ",", paramLabel = "PER_SECOND",
            description = "Extra fixed arrival rates for every ladder, besides 25/50/75/90%% of the target's wrk peak in this run.")
    List<Double> rates = new ArrayList<>();

    @Option(names = "--ladder-seconds", paramLabel = "SECONDS", descriptionKey = "ladder-seconds")
    Integer ladderSeconds;

    @Option(names = "--ladders", split = ",", paramLabel = "ENDPOINT", descriptionKey = "ladders")
    List<String> ladders;

    @Option(names = "--ws-clients", split = ",", paramLabel = "N", descriptionKey = "ws-clients")
    List<Integer> websocketClients;

    @Option(names = "--skip-latency", description = "wrk only: no Gatling ladders and no WebSocket runs.")
    boolean skipLatency;

    @Option(names = "--target", paramLabel = "NAME=URL", description = "Also measure a running server that speaks the contract, e.g. flask=http://10.0.0.5:8000.")
    List<String> externalTargets = new ArrayList<>();

    @Option(names = "--peers", arity = "0..1", fallbackValue = Peers.ALL, paramLabel = "NAMES",
            description = "Also measure the document's Python apps from peers/ as reference rows: aiohttp, starlette, flask "
                    + "(all three without a list; needs Debian's python3 packages, the one apt-get line is printed when missing).")
    String peers;

    @Option(names = "--topology", paramLabel = "MODE",
            description = "CPU placement: auto (default: disjoint sets when the machine has at least 4 CPUs: a quarter for PostgreSQL, "
                    + "the next quarter for the server, the rest for the load generator; shared below 4), shared (everything on every "
                    + "CPU), pinned (disjoint sets, at least 3 CPUs).")
    CpuTopology.Mode topology = CpuTopology.Mode.AUTO;

    @Option(names = "--server-cpus", paramLabel = "LIST", description = "Pin the servers with taskset -c LIST instead of the topology's set (e.g. 2-3).")
    String serverCpus;

    @Option(names = "--load-cpus", paramLabel = "LIST", description = "Pin wrk and Gatling with taskset -c LIST instead of the topology's set.")
    String loadCpus;

    @Option(names = "--postgres-cpus", paramLabel = "LIST", description = "Pin the embedded PostgreSQL with taskset -c LIST instead of the topology's set.")
    String postgresCpus;

    @Option(names = "--db-budget", paramLabel = "N",
            description = "Give every implementation N statements in flight at PostgreSQL (1.." + DatabaseBudgets.MAX_STATEMENTS + "): "
                    + "DB_POOL_SIZE=N for the JDBC and R2DBC pools; an implementation that pipelines runs twice, as <name>-conns "
                    + "(N connections, no pipelining) and <name>-pipelined (a connection per event loop, pipelining the rest). "
                    + "Default: each implementation's own, labelled so in the report.")
    Integer dbBudget;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default reports/runs/<UTC time>, and reports/latest links to it).")
    Path out;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with its subcommands, and option descriptions that quote the presets. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Compare()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setResourceBundle(new PresetHelp());
        return commandLine;
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("webbench.root", ".")).toAbsolutePath().normalize();
    }

    Results.Settings settings() {
        Preset preset = Preset.of(quick);
        int reps = repetitions != null ? repetitions : preset.repetitions();
        if (reps < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repetitions must be at least 1");
        }
        int most = maxRepetitions != null ? maxRepetitions : Math.max(reps, preset.maxRepetitions());
        if (most < reps) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--max-repetitions must be at least --repetitions (" + reps + ")");
        }
        double relative = precision != null ? precision : preset.precision();
        if (!(relative > 0 && relative < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--precision must be a fraction between 0 and 1, e.g. 0.05");
        }
        List<String> chosen = !scenarios.isEmpty() ? scenarios.stream().map(s -> Scenario.parse(s).id()).toList()
                : !preset.scenarios().isEmpty() ? preset.scenarios() : Arrays.stream(Scenario.values()).map(Scenario::id).toList();
        List<Integer> sweepConnections = sweep != null ? sweep.stream().filter(c -> c > 0).toList() : preset.sweepConnections();
        return new Results.Settings(preset.name(), chosen, duration != null ? duration : preset.durationSeconds(),
                connections != null ? connections : preset.connections(), wrkThreads, reps, preset.primerSeconds(),
                warmup != null ? warmup : preset.warmupSeconds(), sweepConnections, JarProcess.SERVER_JVM_FLAGS, null, null,
                Runtime.getRuntime().availableProcessors() * 2 + 1, most, relative);
    }

    /** The topology asked for, its CPU lists checked before anything starts. */
    CpuTopology.Request topologyRequest() {
        for (String list : Arrays.asList(serverCpus, loadCpus, postgresCpus)) {
            if (list != null) {
                try {
                    CpuTopology.parse(list);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
                }
            }
        }
        CpuTopology.Request request = new CpuTopology.Request(topology, new CpuTopology.Overrides(postgresCpus, serverCpus, loadCpus));
        try {
            request.plan(true);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        return request;
    }

    /**
     * {@code --db-budget}, checked before anything starts. A pipelining target needs a connection per event loop, and
     * it runs one event loop per CPU it sees: the servers' planned CPU set, or every CPU when they are not pinned.
     */
    DatabaseBudgets.Request dbBudgetRequest(CpuTopology.Request topologyRequest) {
        if (dbBudget == null) {
            return DatabaseBudgets.Request.IMPLEMENTATION_DEFAULTS;
        }
        if (dbBudget < 1 || dbBudget > DatabaseBudgets.MAX_STATEMENTS) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--db-budget must be between 1 and " + DatabaseBudgets.MAX_STATEMENTS + " statements in flight, got " + dbBudget);
        }
        String serverCpus = topologyRequest.plan(true).serverCpus();
        int eventLoops = serverCpus != null ? CpuTopology.parse(serverCpus).size() : CpuTopology.allowedCpus().size();
        return new DatabaseBudgets.Request(dbBudget, eventLoops);
    }

    /** The ladder and WebSocket phase after wrk, or null with --skip-latency. */
    LatencyPhase.Options latencyOptions() {
        if (skipLatency) {
            return null;
        }
        Preset preset = Preset.of(quick);
        CommandLine cmd = new CommandLine(this);
        if (!(sloMillis > 0)) {
            throw new CommandLine.ParameterException(cmd, "--slo must be a positive number of milliseconds");
        }
        if (rates.stream().anyMatch(r -> !(r >= 1))) {
            throw new CommandLine.ParameterException(cmd, "--rates must be at least 1 request per second each");
        }
        int step = ladderSeconds != null ? ladderSeconds : preset.ladderStepSeconds();
        List<String> endpoints = ladders != null ? ladders : preset.ladders();
        for (String endpoint : endpoints) {
            if (!endpoint.equals(Results.Ladder.MIXED)) {
                try {
                    Scenario.parse(endpoint);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cmd, "--ladders: " + e.getMessage() + ", " + Results.Ladder.MIXED);
                }
            }
        }
        if (step < 1) {
            throw new CommandLine.ParameterException(cmd, "--ladder-seconds must be at least 1");
        }
        List<Integer> clients = websocketClients != null ? websocketClients : preset.websocketClients();
        if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 20_000)) {
            throw new CommandLine.ParameterException(cmd, "--ws-clients must be between 1 and 20000 each");
        }
        return new LatencyPhase.Options(sloMillis, preset.ladderFractions(), List.copyOf(rates), preset.gatlingWarmupSeconds(), step, endpoints,
                clients, preset.broadcastRounds(), preset.websocketGatling());
    }

    @Override
    public Integer call() {
        PrintStream console = System.out;
        Results.Settings settings = settings();
        LatencyPhase.Options latency = latencyOptions();
        CpuTopology.Request topologyRequest = topologyRequest();
        DatabaseBudgets.Request budget = dbBudgetRequest(topologyRequest);
        Path root = repoRoot();
        // The peers first: a missing Python package or an unknown name fails before anything is started.
        List<Target> peerTargets = List.of();
        if (peers != null) {
            try {
                peerTargets = Peers.targets(root, peers);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // One line, like the script's hint for a missing wrk: a stack trace would bury the apt-get line.
                System.err.println("compare: " + e.getMessage());
                return 2;
            }
        }
        List<Target> targets = new ArrayList<>(Targets.implementations(root, implementations, budget));
        if (Preset.of(quick).oneThreadModel() && !allThreadModels) {
            // The smoke run measures what a team gets by default: each implementation's own thread model.
            targets.removeIf(t -> t.env().containsKey("THREAD_MODEL") && !t.env().get("THREAD_MODEL").equals(AppConfig.DEFAULT_THREAD_MODEL.label()));
        }
        Path benchJar = root.resolve("bench/target/bench.jar");
        if (!settings.scenarios().contains(Scenario.TIME.id())) {
            // The HTTP and generator ceilings answer /time only: without that scenario they would start and measure nothing.
        } else if (Files.isRegularFile(benchJar)) {
            targets.add(HttpCeiling.target(benchJar, root));
            targets.add(GeneratorCeiling.target(benchJar, root));
        } else {
            console.println("WARNING: " + benchJar + " missing: no HTTP or generator ceiling in this run (./compare builds it)");
        }
        targets.addAll(peerTargets);
        externalTargets.stream().map(Targets::external).forEach(targets::add);
        if (settings.repetitions() < 3) {
            console.println("WARNING: fewer than 3 repetitions: every result will be flagged NOISY");
        }
        Path runDir = out != null ? out.toAbsolutePath() : newRunFolder(root, "");
        mkdirs(runDir);
        console.printf("Run folder: %s%nTargets: %s%n", runDir, String.join(", ", targets.stream().map(Target::name).toList()));
        Results results = new BenchRun(settings, latency, targets, root, runDir, console, topologyRequest).execute();
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

    /** {@code reports/runs/<UTC time><suffix>}. */
    static Path newRunFolder(Path root, String suffix) {
        return root.resolve("reports/runs").resolve(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                + suffix);
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
        @Parameters(paramLabel = "RUN_DIR", description = "A run folder holding results.json (or resilience.json), e.g. reports/runs/20261125T131925Z.")
        Path runDir;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(runDir.resolve(RunReport.RESULTS)) && !Files.isRegularFile(runDir.resolve(ResilienceResults.FILE))) {
                System.err.println("compare report: " + runDir + " holds neither " + RunReport.RESULTS + " nor " + ResilienceResults.FILE);
                return 2;
            }
            RunReport.render(runDir).forEach(file -> System.out.println("Wrote " + file));
            return 0;
        }
    }

    /** {@code ./compare diff BASE_RUN NEW_RUN}: what changed beyond the runs' own noise. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compare two runs per target, workload and metric (median req/s, p99, req/CPU-s). A change is flagged only "
                    + "when the two medians' confidence intervals (order statistics over each run's repetitions) do not overlap; "
                    + "otherwise it is shown as within noise. Prints a table and writes diff.md and diff.json into NEW_RUN."},
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
            RunDiff.diff(base, current, System.out);
            return 0;
        }
    }

    /**
     * The option descriptions whose defaults depend on {@code --quick}, written from {@link Preset#FULL} and
     * {@link Preset#QUICK} so that the help cannot drift from what a run does. Keys are the options' descriptionKey.
     */
    static final class PresetHelp extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            Preset quick = Preset.QUICK;
            return new Object[][] {
                {"quick", String.format(Locale.ROOT, "Smoke run: %s on each implementation's default thread model, wrk %d x %d s per workload "
                        + "after a steady-state warm-up (at most %d s), %d connections; the WebSocket broadcast probe with %s clients; no "
                        + "latency ladder (add --rates to get one). About 3 minutes for the four implementations on 2 cores. Ties are called "
                        + "wherever intervals overlap.", String.join(" and ", quick.scenarios()), quick.repetitions(), quick.durationSeconds(),
                        quick.warmupSeconds(), quick.connections(), list(quick.websocketClients()))},
                {"max-repetitions", "Repetitions continue, interleaved, while a median's 95%% interval is wider than --precision, up to this "
                        + "many (" + defaults(p -> String.valueOf(p.maxRepetitions())) + ")."},
                {"precision", "Stopping rule: a 95%% interval within median ± this fraction (" + defaults(p -> String.valueOf(p.precision()))
                        + "); 95%% needs at least 6 repetitions."},
                {"duration", "Measured seconds per repetition (" + defaults(p -> String.valueOf(p.durationSeconds())) + ")."},
                {"connections", "wrk connections (" + defaults(p -> p.connections() + (p == Preset.FULL ? " as in the original comparison" : ""))
                        + ")."},
                {"repetitions", "The fewest interleaved repetitions per workload, at least 3 for a median; 6 for a 95%% interval ("
                        + defaults(p -> String.valueOf(p.repetitions())) + ")."},
                {"warmup", "Warm-up cap in seconds per target and workload, not measured: one-second windows until throughput and the JIT "
                        + "are steady ("
                        + defaults(p -> p.warmupSeconds() + (p.primerSeconds() == 0 ? ", no primer" : " after a " + p.primerSeconds() + " s primer"))
                        + ")."},
                {"sweep", "Extra product-by-id runs at these concurrencies (" + defaults(p -> list(p.sweepConnections())) + "; 0 = none)."},
                {"ladder-seconds", "Seconds per ladder step (" + defaults(p -> String.valueOf(p.ladderStepSeconds())) + ")."},
                {"ladders", "Endpoints to ladder: scenario ids and '" + Results.Ladder.MIXED + "' (70%% product-by-id, 20%% brands, 10%% create) ("
                        + defaults(p -> p.ladders().isEmpty() ? "every measured scenario and " + Results.Ladder.MIXED : list(p.ladders())) + ")."},
                {"ws-clients", "WebSocket counter runs, one per client count (" + defaults(p -> list(p.websocketClients())) + ")."},
                {"soak", "Soak length per target in seconds (" + defaults(p -> String.valueOf(p.soakSeconds())) + ")."},
                {"soak-quick", "Short soak (" + quick.soakSeconds() + " s) for a smoke run."},
            };
        }

        private static String defaults(Function<Preset, String> value) {
            return "default " + value.apply(Preset.FULL) + "; quick " + value.apply(Preset.QUICK);
        }

        private static String list(List<?> values) {
            return values.isEmpty() ? "none" : values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }
}
