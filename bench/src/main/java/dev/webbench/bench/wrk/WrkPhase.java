package dev.webbench.bench.wrk;

import dev.webbench.bench.ceiling.DbCeiling;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.model.Stats;
import dev.webbench.bench.target.CostMeter;
import dev.webbench.bench.target.JitCompilations;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ObjDoubleConsumer;

/**
 * Peak throughput under wrk (closed model): every target warmed up on every workload, then repetitions
 * interleaved across targets (A B C, B C A, C A B ...) so that drift hits all alike, with the database ceiling
 * measured once per repetition beside them.
 */
public final class WrkPhase {
    /** The primer's connections: enough to fill pools and JIT profiles, few enough not to be a load test of its own. */
    private static final int PRIMER_CONNECTIONS = 8;
    private static final int DB_CEILING_WARM_UP_SECONDS = 5;

    private final Results.Settings settings;
    private final Path runDir;
    private final List<String> warnings;
    private final Wrk wrk;
    private final CostMeter cost;
    private final List<DbCeiling.Shape> dbCeilings;

    /**
     * @param warnings   where the phase adds what a reader must know (wrk failures, errors during warm-up)
     * @param cost       reads each repetition's server and PostgreSQL CPU and the machine's idle share
     * @param dbCeilings the database budgets to measure a ceiling at, once per repetition each ({@link DbCeiling#shapesFor})
     */
    public WrkPhase(Results.Settings settings, Path runDir, List<String> warnings, CostMeter cost, List<DbCeiling.Shape> dbCeilings) {
        this.settings = settings;
        this.runDir = runDir;
        this.warnings = warnings;
        this.wrk = new Wrk(runDir.resolve("scripts"), settings.loadCpus());
        this.cost = cost;
        this.dbCeilings = List.copyOf(dbCeilings);
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
        return servedWorkloads(targets) * (1 + settings.repetitions()) + settings.repetitions() * dbCeilings.size();
    }

    /** Seconds the phase should take for these targets (for the progress line). */
    public double plannedSeconds(List<Target> targets) {
        double perWorkload = warmUpSeconds() + settings.repetitions() * (settings.durationSeconds() + 0.5);
        return servedWorkloads(targets) * perWorkload + settings.repetitions() * dbCeilings.size() * dbCeilingSeconds();
    }

    private int servedWorkloads(List<Target> targets) {
        List<Workload> workloads = workloads();
        return (int) targets.stream().mapToLong(t -> workloads.stream().filter(w -> t.scenarios().contains(w.scenario())).count()).sum();
    }

    /**
     * A database ceiling's cold child JVM runs its loop this long before counting: a JDBC or pipelined-client loop is
     * small, and its JIT settles within seconds (the warm-up cap bounds it in a shorter mode).
     */
    private Duration dbCeilingWarmUp() {
        // Never longer than a repetition either: with the smoke run's 2 s windows, 5 s per ceiling and repetition would be
        // a quarter of the run.
        return Duration.ofSeconds(Math.min(Math.min(settings.warmupSeconds(), DB_CEILING_WARM_UP_SECONDS), settings.durationSeconds()));
    }

    private double dbCeilingSeconds() {
        return dbCeilingWarmUp().toSeconds() + settings.durationSeconds() + 1.0;
    }

    /** The planned warm-up: the primer and half the cap (most warm-ups end well before it). */
    private double warmUpSeconds() {
        return settings.primerSeconds() + Math.max(Results.WarmUp.WINDOWS, settings.warmupSeconds() / 2.0) * 1.2;
    }

    /** What the phase produced: every measured repetition and every warm-up curve. */
    public record Outcome(List<Results.Measurement> measurements, List<Results.WarmUp> warmUps) {
    }

    /**
     * Warms up every target on every workload it serves until steady, then measures the repetitions: at least
     * {@code repetitions} of each, and then more rounds, interleaved, of those whose median's interval is still wider
     * than {@code precision}, up to {@code maxRepetitions}.
     *
     * @param running  the started targets' processes (external targets have none)
     * @param progress told each step's label and planned seconds before the step
     */
    public Outcome run(List<Target> targets, Map<Target, JarProcess> running, Postgres postgres, ObjDoubleConsumer<String> progress) {
        Path raw = runDir.resolve("raw");
        List<Workload> workloads = workloads();
        List<Results.WarmUp> warmUps = new ArrayList<>();
        for (Target target : targets) {
            for (Workload w : workloads) {
                if (target.scenarios().contains(w.scenario())) {
                    progress.accept(target.name() + " · " + w.id() + " · warm-up", warmUpSeconds());
                    resetCreatedRows(postgres, w);
                    warmUps.add(warmUp(target, running.get(target), w, raw.resolve("warmup")));
                }
            }
        }
        List<Results.Measurement> measurements = new ArrayList<>();
        // Pinned where the targets run: a ceiling measured with the cores the targets share with nobody would bound nothing.
        List<DbCeiling> ceilings = dbCeilings.stream().map(shape -> new DbCeiling(postgres.settings(), shape, settings.serverCpus(),
                runDir.resolve("logs").resolve(shape.ceilingName() + ".log"))).toList();
        int order = 0;
        for (int rep = 1; rep <= settings.maxRepetitions(); rep++) {
            boolean extra = rep > settings.repetitions();
            List<String> due = extra ? imprecise(measurements) : null;
            if (due != null && due.isEmpty()) {
                break;
            }
            String of = extra ? " · extra rep " + rep + " (up to " + settings.maxRepetitions() + ")" : " · rep " + rep + "/" + settings.repetitions();
            for (int i = 0; i < targets.size(); i++) {
                Target target = targets.get((i + rep - 1) % targets.size());
                for (Workload w : workloads) {
                    if (target.scenarios().contains(w.scenario()) && (due == null || due.contains(key(target.name(), w.id())))) {
                        progress.accept(target.name() + " · " + w.id() + of, settings.durationSeconds() + 0.5);
                        resetCreatedRows(postgres, w);
                        measurements.add(measure(target, running.get(target), w, rep, ++order, raw));
                    }
                }
            }
            for (DbCeiling dbCeiling : ceilings) {
                if (due != null && !due.contains(key(dbCeiling.name(), Scenario.PRODUCT_BY_ID.id()))) {
                    continue;
                }
                progress.accept(dbCeiling.name() + " · " + Scenario.PRODUCT_BY_ID.id() + of, dbCeilingSeconds());
                // PostgreSQL's CPU per query at the ceiling is the floor every target's per-request figure compares to.
                CostMeter.Reading window = cost.start(null);
                Results.Measurement ceiling = dbCeiling.measure(dbCeilingWarmUp(), Duration.ofSeconds(settings.durationSeconds()), rep,
                        ++order);
                if (!ceiling.ok()) {
                    warnings.add(dbCeiling.name() + " rep " + rep + " failed; see " + dbCeiling.log());
                }
                measurements.add(window.finish(ceiling.toBuilder(), ceiling.requests()).build());
            }
        }
        return new Outcome(measurements, warmUps);
    }

    /** The target-workload pairs (keys) whose median req/s is not yet known to within the precision; failed ones are done. */
    private List<String> imprecise(List<Results.Measurement> measurements) {
        Map<String, List<Results.Measurement>> groups = new LinkedHashMap<>();
        measurements.forEach(m -> groups.computeIfAbsent(key(m.target(), m.workload()), k -> new ArrayList<>()).add(m));
        List<String> due = new ArrayList<>();
        groups.forEach((key, group) -> {
            boolean failed = group.stream().anyMatch(m -> !m.ok());
            if (!failed && !Stats.of(group.stream().map(Results.Measurement::requestsPerSecond).toList()).preciseTo(settings.precision())) {
                due.add(key);
            }
        });
        return due;
    }

    private static String key(String target, String workload) {
        return target + "\u0000" + workload;
    }

    /**
     * An optional light primer (JIT profiles, pools filled), then one-second wrk windows at the measured concurrency
     * until {@link Results.WarmUp#steady} or the cap of {@code warmupSeconds}.
     */
    private Results.WarmUp warmUp(Target target, JarProcess process, Workload w, Path dir) {
        mkdirs(dir);
        URI uri = process == null ? target.url() : process.uri();
        String name = target.name() + "-" + w.id();
        if (settings.primerSeconds() > 0) {
            wrk.run(uri, w.scenario(), settings.wrkThreads(), Math.min(PRIMER_CONNECTIONS, w.connections()),
                    Duration.ofSeconds(settings.primerSeconds()), dir.resolve(name + "-primer.txt"));
        }
        List<Double> rates = new ArrayList<>();
        List<Double> compiles = new ArrayList<>();
        long errors = 0;
        long started = System.nanoTime();
        OptionalLong compiledBefore = OptionalLong.empty();
        long compiledAt = 0;
        boolean steady = false;
        while (!steady && rates.size() < Math.max(Results.WarmUp.WINDOWS, settings.warmupSeconds())) {
            WrkReport window = wrk.run(uri, w.scenario(), settings.wrkThreads(), w.connections(), Duration.ofSeconds(1),
                    dir.resolve(String.format("%s-warmup-%02d.txt", name, rates.size() + 1)));
            errors += window.errors().total();
            rates.add(window.requestsPerSecond());
            Double compilesPerSecond = null;
            // The JIT is asked only once the rate looks steady: jcmd costs a few hundred ms of CPU per call.
            if (process != null && Results.WarmUp.ratesSteady(rates)) {
                OptionalLong compiled = JitCompilations.of(process.pid());
                long now = System.nanoTime();
                if (compiled.isPresent() && compiledBefore.isPresent()) {
                    compilesPerSecond = (compiled.getAsLong() - compiledBefore.getAsLong()) / ((now - compiledAt) / 1e9);
                }
                compiledBefore = compiled;
                compiledAt = now;
                steady = compiled.isEmpty() || compilesPerSecond != null && Results.WarmUp.steady(rates, compilesPerSecond);
            } else if (process == null) {
                steady = Results.WarmUp.ratesSteady(rates);
            }
            compiles.add(compilesPerSecond);
        }
        if (errors > 0) {
            warnings.add(target.name() + " · " + w.id() + ": " + errors + " errors already during warm-up");
        }
        if (!steady) {
            warnings.add(String.format(Locale.ROOT, "%s · %s: not steady after a %d s warm-up (last windows %s req/s); its first repetitions "
                    + "may still include warm-up", target.name(), w.id(), rates.size(), rates.subList(Math.max(0, rates.size() - 3), rates.size())
                    .stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList()));
        }
        return new Results.WarmUp(target.name(), w.id(), List.copyOf(rates), java.util.Collections.unmodifiableList(compiles), steady,
                (System.nanoTime() - started) / 1e9);
    }

    private Results.Measurement measure(Target target, JarProcess process, Workload w, int rep, int order, Path dir) {
        mkdirs(dir);
        URI uri = process == null ? target.url() : process.uri();
        Path rawFile = dir.resolve(String.format("%03d-%s-%s-rep%d.txt", order, target.name(), w.id(), rep));
        Results.Measurement.Builder measurement = Results.Measurement.of(target.name(), w.id(), w.scenario().id(), w.connections(), rep,
                order, "wrk").rawFile(runDir.relativize(rawFile).toString());
        CostMeter.Reading window = cost.start(process == null ? null : process.pid());
        WrkReport report;
        try {
            report = wrk.run(uri, w.scenario(), settings.wrkThreads(), w.connections(), Duration.ofSeconds(settings.durationSeconds()), rawFile);
        } catch (IllegalStateException e) {
            warnings.add(target.name() + " · " + w.id() + " rep " + rep + ": " + e.getMessage().lines().findFirst().orElse(""));
            return measurement.errors(new Results.Errors(1, 0, 0, 0, 0)).ok(false).build();
        }
        return window.finish(measurement, report.requests()).durationSeconds(report.durationMicros() / 1e6).requests(report.requests())
                .requestsPerSecond(report.requestsPerSecond()).bytes(report.bytes()).errors(report.errors())
                .latencyMicros(report.latencyMicros()).loadCpuSeconds(report.loadCpuSeconds())
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
