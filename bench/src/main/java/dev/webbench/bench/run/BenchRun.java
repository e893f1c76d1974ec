package dev.webbench.bench.run;

import dev.webbench.bench.ceiling.DbCeiling;
import dev.webbench.bench.latency.LatencyPhase;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Summaries;
import dev.webbench.bench.target.CostMeter;
import dev.webbench.bench.target.CpuTopology;
import dev.webbench.bench.target.DatabaseBudgets;
import dev.webbench.bench.target.Environment;
import dev.webbench.bench.target.PostgresProcesses;
import dev.webbench.bench.target.Target;
import dev.webbench.bench.target.Targets;
import dev.webbench.bench.wrk.Wrk;
import dev.webbench.bench.wrk.WrkPhase;
import dev.webbench.conformance.JarProcess;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparison: provision and seed PostgreSQL, start every target, then the wrk phase (peak throughput beside the
 * ceilings) and the latency phase (ladders and WebSocket runs at fractions of those peaks), and fold it all into
 * {@link Results}.
 *
 * @param latency  the Gatling ladder and WebSocket phase after wrk, or null to skip it
 * @param topology how to place PostgreSQL, the servers and the load generator on the CPUs; the plan's sets replace
 *                 {@code settings}' server and load CPUs
 */
public record BenchRun(Results.Settings settings, LatencyPhase.Options latency, List<Target> targets, Path repoRoot, Path runDir,
                       PrintStream out, CpuTopology.Request topology) {
    /** How long a target may take to exit after SIGTERM at the end of the run before it is killed. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);
    /** Let a freshly started server settle before its idle RSS is read. */
    private static final long SETTLE_MILLIS = 500;

    public Results execute() {
        String startedAt = Instant.now().toString();
        List<String> warnings = new ArrayList<>();
        String wrkVersion = Wrk.version();
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            if (postgres.provider().equals("external")) {
                warnings.add("the external database " + postgres.settings().describe() + " was re-seeded with the deterministic seed");
            }
            PostgresProvisioner.seed(postgres);
            // Only a PostgreSQL the bench started is pinned and measured; an external one may be shared or elsewhere.
            PostgresProcesses database = postgres.provider().equals("embedded") ? PostgresProcesses.find(postgres).orElse(null) : null;
            Results.Topology placed = topology.plan(database != null);
            if (database != null && placed.postgresCpus() != null) {
                database.pinTo(placed.postgresCpus());
            }
            Results.Settings settings = this.settings.withCpus(placed.serverCpus(), placed.loadCpus());
            Results.EnvironmentInfo environment = Environment.capture(repoRoot, postgres.serverVersion(), postgres.provider(), wrkVersion)
                    .withTopology(placed);
            out.printf("PostgreSQL %s (%s), %s, %d cores; %s%nCPU topology: %s%n", environment.postgresVersion(),
                    environment.postgresProvider(), environment.cpuModel(), environment.cores(), wrkVersion, placed.describe());
            if (database == null && !postgres.provider().equals("external")) {
                warnings.add("PostgreSQL's processes are not visible to the bench (" + postgres.provider()
                        + "): its CPU per request is not measured and it is not pinned");
            }

            Map<Target, JarProcess> running = new LinkedHashMap<>();
            Map<String, Results.TargetInfo> infos = new LinkedHashMap<>();
            List<Results.Measurement> measurements;
            List<Results.WarmUp> warmUps;
            Results.Latency latencyResults = null;
            try {
                for (Target target : targets) {
                    if (target.started()) {
                        out.printf("Starting %s ...%n", target.name());
                        JarProcess process = JarProcess.start(target.launch(settings.serverCpus(), runDir.resolve("logs")
                                .resolve(target.name() + ".log")), postgres.settings());
                        running.put(target, process);
                        JarProcess.sleep(SETTLE_MILLIS);
                        out.printf("  %s up in %d ms%n", target.name(), process.startupMillis());
                    }
                }
                for (Target target : targets) {
                    Results.TargetInfo info = info(settings, target, running.get(target));
                    infos.put(target.name(), info);
                    DatabaseBudgets.warning(target, info.dbBudget()).ifPresent(warnings::add);
                }

                WrkPhase wrk = new WrkPhase(settings, runDir, warnings, new CostMeter(database),
                        DbCeiling.shapesFor(infos.values().stream().map(Results.TargetInfo::dbBudget).toList(), settings.dbCeilingConnections()));
                LatencyPhase latencyPhase = latency == null ? null : new LatencyPhase(latency, runDir, settings.loadCpus(), warnings);
                Progress progress = new Progress(out,
                        wrk.steps(targets) + (latencyPhase == null ? 0 : latencyPhase.steps(targets)),
                        wrk.plannedSeconds(targets) + (latencyPhase == null ? 0 : latencyPhase.plannedSeconds(targets, settings.scenarios())));

                WrkPhase.Outcome wrkOutcome = wrk.run(targets, running, postgres, progress::step);
                measurements = wrkOutcome.measurements();
                warmUps = wrkOutcome.warmUps();
                if (latencyPhase != null) {
                    latencyResults = latencyPhase.run(targets, running, Summaries.of(measurements), settings.scenarios(), postgres,
                            progress::step, out);
                }
                for (Map.Entry<Target, JarProcess> started : running.entrySet()) {
                    JarProcess process = started.getValue();
                    String name = started.getKey().name();
                    long peak = process.peakRssKib();
                    infos.put(name, infos.get(name).withPeakRss(peak < 0 ? null : peak));
                    if (!process.isAlive()) {
                        warnings.add(name + " died during the run; see " + process.log());
                    }
                }
            } finally {
                running.values().forEach(process -> {
                    process.stop(SHUTDOWN_GRACE);
                    process.close();
                });
            }
            List<Results.Summary> summaries = Summaries.of(measurements, List.copyOf(infos.values()));
            boolean failed = summaries.stream().anyMatch(Results.Summary::failed) || latencyResults != null
                    && (latencyResults.ladders().stream().anyMatch(Results.Ladder::failed)
                    || latencyResults.websockets().stream().anyMatch(Results.WebSocketRun::failed));
            return new Results(Results.SCHEMA_VERSION, runDir.getFileName().toString(), startedAt, Instant.now().toString(), failed,
                    List.copyOf(warnings), settings, environment, List.copyOf(infos.values()), measurements, summaries, latencyResults, warmUps);
        }
    }

    private Results.TargetInfo info(Results.Settings settings, Target target, JarProcess process) {
        Long jarBytes = null;
        if (target.jar() != null) {
            try {
                jarBytes = Files.size(target.jar());
            } catch (IOException unreadable) {
                // not measured
            }
        }
        long idleRss = process == null ? -1 : process.rssKib();
        return new Results.TargetInfo(target.name(), target.kind().id(), target.env().get("THREAD_MODEL"),
                target.url() == null ? null : target.url().toString(),
                target.jar() == null ? null : repoRoot.relativize(target.jar().toAbsolutePath()).toString(),
                jarBytes, Targets.sourceLines(target.sources()), process == null ? null : process.startupMillis(),
                idleRss < 0 ? null : idleRss, null, process == null ? null : settings.serverCpus(),
                process == null ? null : DatabaseBudgets.fromLog(process.log(), target.dbBudgetSource()).orElse(null));
    }
}
