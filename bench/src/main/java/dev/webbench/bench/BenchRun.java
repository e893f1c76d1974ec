package dev.webbench.bench;

import dev.webbench.bench.latency.LadderPlan;
import dev.webbench.bench.latency.LadderVerdict;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparison: provision and seed PostgreSQL, start every target, warm each up, then measure
 * repetitions interleaved across targets (A B C, B C A, C A B ...) so drift hits all alike.
 */
final class BenchRun {
    private final Results.Settings settings;
    private final List<Target> targets;
    private final Path repoRoot;
    private final Path runDir;
    private final PrintStream out;
    private final List<String> warnings = new ArrayList<>();
    private final LatencyPhase.Options latency;

    BenchRun(Results.Settings settings, List<Target> targets, Path repoRoot, Path runDir, PrintStream out) {
        this(settings, null, targets, repoRoot, runDir, out);
    }

    /** @param latency the Gatling ladder and WebSocket phase after wrk, or null to skip it */
    BenchRun(Results.Settings settings, LatencyPhase.Options latency, List<Target> targets, Path repoRoot, Path runDir, PrintStream out) {
        this.latency = latency;
        this.settings = settings;
        this.targets = targets;
        this.repoRoot = repoRoot;
        this.runDir = runDir;
        this.out = out;
    }

    Results execute() {
        String startedAt = Instant.now().toString();
        String wrkVersion = Wrk.version();
        Path raw = runDir.resolve("raw");
        Wrk wrk = new Wrk(runDir.resolve("scripts"), settings.loadCpus());
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            if (postgres.provider().equals("external")) {
                warnings.add("the external database " + postgres.settings().describe() + " was re-seeded with the deterministic seed");
            }
            PostgresProvisioner.seed(postgres);
            Results.EnvironmentInfo environment = Environment.capture(repoRoot, postgres.serverVersion(), postgres.provider(), wrkVersion);
            out.printf("PostgreSQL %s (%s), %s, %d cores; %s%n", environment.postgresVersion(), environment.postgresProvider(),
                    environment.cpuModel(), environment.cores(), wrkVersion);

            Map<Target, ServerProcess> running = new LinkedHashMap<>();
            Map<String, Results.TargetInfo> infos = new LinkedHashMap<>();
            List<Results.Measurement> measurements = new ArrayList<>();
            Results.Latency latencyResults = null;
            try {
                for (Target target : targets) {
                    if (target.started()) {
                        out.printf("Starting %s ...%n", target.name());
                        ServerProcess process = ServerProcess.start(target, postgres.settings(), settings.serverCpus(),
                                ServerProcess.newLog(runDir.resolve("logs"), target.name()));
                        running.put(target, process);
                        ServerProcess.sleep(500);
                        out.printf("  %s up in %d ms%n", target.name(), process.startupMillis());
                    }
                }
                for (Target target : targets) {
                    ServerProcess process = running.get(target);
                    infos.put(target.name(), info(target, process, process == null ? -1 : process.rssKib()));
                }

                List<Workload> workloads = workloads();
                int steps = 0;
                double planned = 0;
                for (Target target : targets) {
                    for (Workload w : workloads) {
                        if (target.scenarios().contains(w.scenario())) {
                            steps += 1 + settings.repetitions();
                            planned += settings.primerSeconds() + settings.warmupSeconds() + 1
                                    + settings.repetitions() * (settings.durationSeconds() + 0.5);
                        }
                    }
                }
                steps += settings.repetitions();
                planned += settings.repetitions() * settings.durationSeconds();
                if (latency != null) {
                    for (Target target : latencyTargets()) {
                        steps += 2;
                        planned += latency.plannedSeconds(plannedEndpoints(target));
                    }
                }
                Progress progress = new Progress(out, steps, planned);

                for (Target target : targets) {
                    for (Workload w : workloads) {
                        if (target.scenarios().contains(w.scenario())) {
                            progress.step(target.name() + " · " + w.id() + " · warm-up", settings.primerSeconds() + settings.warmupSeconds() + 1);
                            resetCreatedRows(postgres, w);
                            warmUp(wrk, target, running.get(target), w, raw.resolve("warmup"));
                        }
                    }
                }
                int order = 0;
                for (int rep = 1; rep <= settings.repetitions(); rep++) {
                    for (int i = 0; i < targets.size(); i++) {
                        Target target = targets.get((i + rep - 1) % targets.size());
                        for (Workload w : workloads) {
                            if (!target.scenarios().contains(w.scenario())) {
                                continue;
                            }
                            progress.step(target.name() + " · " + w.id() + " · rep " + rep + "/" + settings.repetitions(),
                                    settings.durationSeconds() + 0.5);
                            resetCreatedRows(postgres, w);
                            measurements.add(measure(wrk, target, running.get(target), w, rep, ++order, raw));
                        }
                    }
                    progress.step(DbCeiling.NAME + " · " + Scenario.PRODUCT_BY_ID.id() + " · rep " + rep + "/" + settings.repetitions(),
                            settings.durationSeconds());
                    measurements.add(measureDbCeiling(postgres, rep, ++order));
                }
                if (latency != null) {
                    latencyResults = measureLatency(postgres, running, Summaries.of(measurements), progress);
                }
                for (Target target : targets) {
                    ServerProcess process = running.get(target);
                    if (process != null) {
                        Results.TargetInfo idle = infos.get(target.name());
                        infos.put(target.name(), new Results.TargetInfo(idle.name(), idle.kind(), idle.threadModel(), idle.url(), idle.jar(),
                                idle.jarBytes(), idle.sourceLines(), idle.startupMillis(), idle.rssIdleKib(), process.peakRssKib()));
                        if (!process.alive()) {
                            warnings.add(target.name() + " died during the run; see " + process.log());
                        }
                    }
                }
            } finally {
                running.values().forEach(ServerProcess::close);
            }
            List<Results.Summary> summaries = Summaries.of(measurements);
            boolean failed = summaries.stream().anyMatch(Results.Summary::failed) || latencyResults != null
                    && (latencyResults.ladders().stream().anyMatch(Results.Ladder::failed)
                    || latencyResults.websockets().stream().anyMatch(Results.WebSocketRun::failed));
            return new Results(Results.SCHEMA_VERSION, runDir.getFileName().toString(), startedAt, Instant.now().toString(), failed,
                    List.copyOf(warnings), settings, environment, List.copyOf(infos.values()), measurements, summaries, latencyResults);
        }
    }

    /** Every target that serves the whole contract: the HTTP ceiling answers /time only. */
    private List<Target> latencyTargets() {
        return targets.stream().filter(t -> t.kind() != Target.Kind.HTTP_CEILING).toList();
    }

    private int plannedEndpoints(Target target) {
        List<String> served = settings.scenarios().stream().filter(id -> target.scenarios().contains(Scenario.parse(id))).toList();
        List<String> endpoints = new ArrayList<>(served);
        if (LadderPlan.MIX.stream().allMatch(share -> served.contains(share.endpoint()))) {
            endpoints.add(LadderPlan.MIXED);
        }
        return (int) endpoints.stream().filter(e -> latency.ladders().isEmpty() || latency.ladders().contains(e)).count();
    }

    /** After wrk, one target at a time: its ladder at fractions of the peaks wrk just measured, then the WebSocket runs. */
    private Results.Latency measureLatency(Postgres postgres, Map<Target, ServerProcess> running, List<Results.Summary> wrkSummaries,
                                           Progress progress) {
        LatencyPhase phase = new LatencyPhase(latency, runDir, settings.loadCpus(), warnings);
        List<Results.Ladder> ladders = new ArrayList<>();
        List<Results.WebSocketRun> websockets = new ArrayList<>();
        for (Target target : latencyTargets()) {
            ServerProcess process = running.get(target);
            java.net.URI uri = process == null ? target.url() : process.uri();
            Map<String, Double> peaks = LatencyPhase.peaks(target.name(), wrkSummaries);
            List<String> endpoints = LatencyPhase.endpoints(target, settings.scenarios(), peaks, latency.ladders());
            progress.step(target.name() + " · latency ladder · " + endpoints.size() + " endpoints (Gatling)",
                    latency.plannedSeconds(endpoints.size()) - latency.plannedSeconds(0));
            if (endpoints.isEmpty()) {
                warnings.add(target.name() + ": no latency ladder, wrk measured no peak to base it on");
            } else {
                resetCreatedRows(postgres);
                List<Results.Ladder> measured = phase.ladders(target, uri, endpoints, peaks);
                String down = down(target, process, uri);
                if (down != null) {
                    measured = measured.stream().map(ladder -> LatencyPhase.failed(ladder, down)).toList();
                }
                measured.forEach(ladder -> out.println("    " + LadderVerdict.headline(ladder, latency.sloMillis())));
                ladders.addAll(measured);
            }
            progress.step(target.name() + " · websocket " + latency.websocketClients() + " clients", latency.plannedSeconds(0));
            String down = down(target, process, uri);
            if (down != null) {
                // Nothing to measure on a dead server: say so per client count instead of timing out on each.
                warnings.add(target.name() + ": " + down);
                latency.websocketClients().forEach(clients -> websockets.add(LatencyPhase.notMeasured(target.name(), clients, down)));
                continue;
            }
            List<Results.WebSocketRun> runs = phase.websockets(target, uri, process);
            runs.forEach(run -> out.println("    " + run.clients() + " clients: " + (run.failed() ? "FAILED " + run.problems()
                    : run.deliveryAllMicros() == null ? "no broadcast rounds"
                    : String.format(java.util.Locale.ROOT, "broadcast to all p99 %.1f ms", run.deliveryAllMicros().p99() / 1000))));
            websockets.addAll(runs);
        }
        return new Results.Latency(latency.settings(), ladders, websockets);
    }

    /** Why the target no longer serves, or null if it answers /time within 10 s. */
    private static String down(Target target, ServerProcess process, java.net.URI uri) {
        if (process != null && !process.alive()) {
            return "the server exited during the latency ladder" + (process.ranOutOfMemory() ? " (OutOfMemoryError)" : "") + "; see " + process.log();
        }
        if (ServerProcess.answersWithin(uri, Duration.ofSeconds(10))) {
            return null;
        }
        return "the server stopped answering GET /time after the latency ladder"
                + (process != null && process.ranOutOfMemory() ? " (its log shows OutOfMemoryError)" : "")
                + (process != null ? "; see " + process.log() : "");
    }

    private List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (String id : settings.scenarios()) {
            workloads.add(new Workload(Scenario.parse(id), settings.connections(), false));
        }
        for (int connections : settings.sweepConnections()) {
            workloads.add(new Workload(Scenario.PRODUCT_BY_ID, connections, true));
        }
        return workloads;
    }

    private Results.TargetInfo info(Target target, ServerProcess process, long idleRss) {
        long jarBytes = -1;
        if (target.jar() != null) {
            try {
                jarBytes = Files.size(target.jar());
            } catch (IOException e) {
                jarBytes = -1;
            }
        }
        return new Results.TargetInfo(target.name(), target.kind().id(), target.env().get("THREAD_MODEL"),
                target.url() == null ? null : target.url().toString(),
                target.jar() == null ? null : repoRoot.relativize(target.jar().toAbsolutePath()).toString(),
                jarBytes, Targets.sourceLines(target.sources()),
                process == null ? -1 : process.startupMillis(), idleRss, -1);
    }

    private void warmUp(Wrk wrk, Target target, ServerProcess process, Workload w, Path dir) {
        mkdirs(dir);
        java.net.URI uri = process == null ? target.url() : process.uri();
        String name = target.name() + "-" + w.id();
        // A light primer first (JIT profiles, pools filled), then a warm-up at the measured concurrency.
        wrk.run(uri, w.scenario(), settings.wrkThreads(), Math.min(8, w.connections()), Duration.ofSeconds(settings.primerSeconds()),
                dir.resolve(name + "-primer.txt"));
        WrkReport warm = wrk.run(uri, w.scenario(), settings.wrkThreads(), w.connections(), Duration.ofSeconds(settings.warmupSeconds()),
                dir.resolve(name + "-warmup.txt"));
        if (warm.errors().total() > 0) {
            warnings.add(target.name() + " · " + w.id() + ": " + warm.errors().total() + " errors already during warm-up");
        }
    }

    private Results.Measurement measure(Wrk wrk, Target target, ServerProcess process, Workload w, int rep, int order, Path dir) {
        mkdirs(dir);
        java.net.URI uri = process == null ? target.url() : process.uri();
        Path rawFile = dir.resolve(String.format("%03d-%s-%s-rep%d.txt", order, target.name(), w.id(), rep));
        double cpuBefore = process == null ? -1 : process.cpuSeconds();
        WrkReport report;
        try {
            report = wrk.run(uri, w.scenario(), settings.wrkThreads(), w.connections(), Duration.ofSeconds(settings.durationSeconds()), rawFile);
        } catch (IllegalStateException e) {
            warnings.add(target.name() + " · " + w.id() + " rep " + rep + ": " + e.getMessage().lines().findFirst().orElse(""));
            return new Results.Measurement(target.name(), w.id(), w.scenario().id(), w.connections(), rep, order, "wrk",
                    0, 0, 0, 0, new WrkReport.Errors(1, 0, 0, 0, 0), null, -1, -1, -1, runDir.relativize(rawFile).toString(), false);
        }
        double cpu = process == null || cpuBefore < 0 ? -1 : process.cpuSeconds() - cpuBefore;
        double seconds = report.durationMicros() / 1e6;
        return new Results.Measurement(target.name(), w.id(), w.scenario().id(), w.connections(), rep, order, "wrk", seconds,
                report.requests(), report.requestsPerSecond(), report.bytes(), report.errors(), report.latencyMicros(), cpu,
                cpu > 0 ? report.requests() / cpu : -1, report.loadCpuSeconds(), runDir.relativize(rawFile).toString(),
                report.errors().total() == 0 && report.requests() > 0);
    }

    private Results.Measurement measureDbCeiling(Postgres postgres, int rep, int order) {
        DbCeiling.Result result = new DbCeiling(postgres.settings(), settings.dbCeilingConnections())
                .run(Duration.ofSeconds(settings.durationSeconds()));
        return new Results.Measurement(DbCeiling.NAME, Scenario.PRODUCT_BY_ID.id(), Scenario.PRODUCT_BY_ID.id(),
                settings.dbCeilingConnections(), rep, order, "jdbc-loop", result.seconds(), result.queries(), result.queriesPerSecond(), 0,
                new WrkReport.Errors(0, 0, 0, result.errors(), 0), null, -1, -1, result.cpuSeconds(), null,
                result.errors() == 0 && result.queries() > 0);
    }

    private static void resetCreatedRows(Postgres postgres, Workload w) {
        if (w.scenario() == Scenario.CREATE_PRODUCT) {
            resetCreatedRows(postgres);
        }
    }

    /** Deletes the products created after the seed, so every target inserts into the same table. */
    static void resetCreatedRows(Postgres postgres) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM product WHERE product_id > 1000");
            statement.execute("SELECT setval('product_product_id_seq', 1000)");
            statement.execute("VACUUM ANALYZE product");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset created products: " + e.getMessage(), e);
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
