package dev.webbench.bench.wrk;

import dev.webbench.bench.ceiling.DbCeiling;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.target.ProcFs;
import dev.webbench.bench.target.SeedReset;
import dev.webbench.bench.target.Target;
import dev.webbench.conformance.JarProcess;
import dev.webbench.provision.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * Peak throughput under wrk (closed model): every target warmed up on every workload, then repetitions
 * interleaved across targets (A B C, B C A, C A B ...) so that drift hits all alike, with the database ceiling
 * measured once per repetition beside them.
 */
public final class WrkPhase {
    /** The primer's connections: enough to fill pools and JIT profiles, few enough not to be a load test of its own. */
    private static final int PRIMER_CONNECTIONS = 8;

    private final Results.Settings settings;
    private final Path runDir;
    private final List<String> warnings;
    private final Wrk wrk;

    /** @param warnings where the phase adds what a reader must know (wrk failures, errors during warm-up) */
    public WrkPhase(Results.Settings settings, Path runDir, List<String> warnings) {
        this.settings = settings;
        this.runDir = runDir;
        this.warnings = warnings;
        this.wrk = new Wrk(runDir.resolve("scripts"), settings.loadCpus());
    }

    /** The scenarios at the run's concurrency, then product-by-id at each sweep concurrency. */
    public List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (String id : settings.scenarios()) {
            workloads.add(new Workload(Scenario.parse(id), settings.connections(), false));
        }
        for (int connections : settings.sweepConnections()) {
            workloads.add(new Workload(Scenario.PRODUCT_BY_ID, connections, true));
        }
        return workloads;
    }

    /** Progress lines the phase will print for these targets. */
    public int steps(List<Target> targets) {
        return servedWorkloads(targets) * (1 + settings.repetitions()) + settings.repetitions();
    }

    /** Seconds the phase should take for these targets (for the progress line). */
    public double plannedSeconds(List<Target> targets) {
        double perWorkload = warmUpSeconds() + settings.repetitions() * (settings.durationSeconds() + 0.5);
        return servedWorkloads(targets) * perWorkload + settings.repetitions() * settings.durationSeconds();
    }

    private int servedWorkloads(List<Target> targets) {
        List<Workload> workloads = workloads();
        return (int) targets.stream().mapToLong(t -> workloads.stream().filter(w -> t.scenarios().contains(w.scenario())).count()).sum();
    }

    private double warmUpSeconds() {
        return settings.primerSeconds() + settings.warmupSeconds() + 1;
    }

    /**
     * Warms up every target on every workload it serves, then measures the repetitions.
     *
     * @param running  the started targets' processes (external targets have none)
     * @param progress told each step's label and planned seconds before the step
     */
    public List<Results.Measurement> run(List<Target> targets, Map<Target, JarProcess> running, Postgres postgres,
                                         ObjDoubleConsumer<String> progress) {
        Path raw = runDir.resolve("raw");
        List<Workload> workloads = workloads();
        for (Target target : targets) {
            for (Workload w : workloads) {
                if (target.scenarios().contains(w.scenario())) {
                    progress.accept(target.name() + " · " + w.id() + " · warm-up", warmUpSeconds());
                    resetCreatedRows(postgres, w);
                    warmUp(target, running.get(target), w, raw.resolve("warmup"));
                }
            }
        }
        List<Results.Measurement> measurements = new ArrayList<>();
        DbCeiling dbCeiling = new DbCeiling(postgres.settings(), settings.dbCeilingConnections());
        int order = 0;
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            String of = " · rep " + rep + "/" + settings.repetitions();
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get((i + rep - 1) % targets.size());
                for (Workload w : workloads) {
                    if (target.scenarios().contains(w.scenario())) {
                        progress.accept(target.name() + " · " + w.id() + of, settings.durationSeconds() + 0.5);
                        resetCreatedRows(postgres, w);
                        measurements.add(measure(target, running.get(target), w, rep, ++order, raw));
                    }
                }
            }
            progress.accept(Results.DB_CEILING + " · " + Scenario.PRODUCT_BY_ID.id() + of, settings.durationSeconds());
            measurements.add(dbCeiling.measure(Duration.ofSeconds(settings.durationSeconds()), rep, ++order));
        }
        return measurements;
    }

    private void warmUp(Target target, JarProcess process, Workload w, Path dir) {
        mkdirs(dir);
        URI uri = process == null ? target.url() : process.uri();
        String name = target.name() + "-" + w.id();
        // A light primer first (JIT profiles, pools filled), then a warm-up at the measured concurrency.
        wrk.run(uri, w.scenario(), settings.wrkThreads(), Math.min(PRIMER_CONNECTIONS, w.connections()),
                Duration.ofSeconds(settings.primerSeconds()), dir.resolve(name + "-primer.txt"));
        WrkReport warm = wrk.run(uri, w.scenario(), settings.wrkThreads(), w.connections(), Duration.ofSeconds(settings.warmupSeconds()),
                dir.resolve(name + "-warmup.txt"));
        if (warm.errors().total() > 0) {
            warnings.add(target.name() + " · " + w.id() + ": " + warm.errors().total() + " errors already during warm-up");
        }
    }

    private Results.Measurement measure(Target target, JarProcess process, Workload w, int rep, int order, Path dir) {
        mkdirs(dir);
        URI uri = process == null ? target.url() : process.uri();
        Path rawFile = dir.resolve(String.format("%03d-%s-%s-rep%d.txt", order, target.name(), w.id(), rep));
        Results.Measurement.Builder measurement = Results.Measurement.of(target.name(), w.id(), w.scenario().id(), w.connections(), rep,
                order, "wrk").rawFile(runDir.relativize(rawFile).toString());
        double cpuBefore = process == null ? -1 : ProcFs.serverCpuSeconds(process.pid());
        WrkReport report;
        try {
            report = wrk.run(uri, w.scenario(), settings.wrkThreads(), w.connections(), Duration.ofSeconds(settings.durationSeconds()), rawFile);
        } catch (IllegalStateException e) {
            warnings.add(target.name() + " · " + w.id() + " rep " + rep + ": " + e.getMessage().lines().findFirst().orElse(""));
            return measurement.errors(new Results.Errors(1, 0, 0, 0, 0)).ok(false).build();
        }
        Double cpu = process == null || cpuBefore < 0 ? null : ProcFs.serverCpuSeconds(process.pid()) - cpuBefore;
        return measurement.durationSeconds(report.durationMicros() / 1e6).requests(report.requests())
                .requestsPerSecond(report.requestsPerSecond()).bytes(report.bytes()).errors(report.errors())
                .latencyMicros(report.latencyMicros()).serverCpuSeconds(cpu)
                .requestsPerCpuSecond(cpu != null && cpu > 0 ? report.requests() / cpu : null).loadCpuSeconds(report.loadCpuSeconds())
                .ok(report.errors().total() == 0 && report.requests() > 0).build();
    }

    private static void resetCreatedRows(Postgres postgres, Workload w) {
        if (w.scenario() == Scenario.CREATE_PRODUCT) {
            SeedReset.deleteCreatedProducts(postgres);
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
