package dev.webbench.bench.report;

import dev.webbench.bench.latency.LadderVerdict;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Test runs: a real quick run's results.json (servlet-platform, servlet-virtual and both ceilings, 3 repetitions of
 * 1 s, most rows NOISY, no failures) and variants derived from it, so every number a test expects traces back to it.
 */
public final class Fixtures {
    /** A warning that would break out of the page if anything were left unescaped. */
    static final String HOSTILE_WARNING = "servlet-virtual · seed: 3 errors already during warm-up </script><script>alert(1)</script> <!--";

    private Fixtures() {
    }

    public static Results quickRun() {
        return read("/report/fixture-run/results.json");
    }

    /**
     * A real quick run with the latency phase (schema 2) on a busy machine: servlet-platform, servlet-virtual and vertx,
     * ladders on product-by-id and mixed, 100 WebSocket clients. Both servlet targets ran out of memory under the
     * ladder: their four ladders and two WebSocket runs FAILED; no ladder has a headline at the 10 ms SLO.
     */
    public static Results latencyQuickRun() {
        return read("/report/latency-quick/results.json");
    }

    /**
     * A real quick run of vertx alone with all five ladders (seed, product-by-id, time, create-product, mixed) and one
     * WebSocket run that FAILED on a count out of order. No ladder reaches the 10 ms SLO; see {@link #withSlo}.
     */
    public static Results latencyVertxRun() {
        return read("/report/latency-vertx/results.json");
    }

    private static Results read(String resource) {
        try {
            return Results.read(Path.of(Fixtures.class.getResource(resource).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The run as ./compare --slo would have judged the same measurements: every step's verdict and every ladder's
     * headline recomputed with LadderVerdict's rule (p99 within the SLO, no error, generator kept the rate; the
     * headline stops at the first miss, and a later pass makes the ladder inconsistent).
     */
    public static Results withSlo(Results run, double sloMillis) {
        Results.Latency latency = run.latency();
        List<Results.Ladder> ladders = latency.ladders().stream().map(ladder -> {
            List<Results.LadderStep> steps = ladder.steps().stream().map(s -> new Results.LadderStep(s.rate(), s.fractionOfPeak(), s.requests(),
                    s.errors(), s.arrivalRate(), s.generatorLimited(), s.latencyMillis(), s.requests() > 0 && s.errors() == 0
                    && !s.generatorLimited() && s.latencyMillis() != null && s.latencyMillis().p99() <= sloMillis, s.abandoned(), s.machineCpuBusy())).toList();
            LadderVerdict.Headline headline = LadderVerdict.headline(steps);
            return new Results.Ladder(ladder.target(), ladder.endpoint(), ladder.peakRequestsPerSecond(), steps, headline.maxRateWithinSlo(),
                    headline.consistent(), ladder.failed(),
                    ladder.report(), ladder.problem());
        }).toList();
        Results.LatencySettings s = latency.settings();
        Results.LatencySettings settings = new Results.LatencySettings(s.generator(), sloMillis, s.fractionsOfPeak(), s.extraRates(),
                s.warmupSeconds(), s.stepSeconds(), s.websocketClients(), s.websocketRampSeconds(), s.broadcastRounds());
        return new Results(run.schemaVersion(), run.runId() + "-slo" + Math.round(sloMillis), run.startedAt(), run.finishedAt(), run.failed(),
                run.warnings(), run.settings(), run.environment(), run.targets(), run.measurements(), run.summaries(),
                new Results.Latency(settings, ladders, latency.websockets()), run.warmUps());
    }

    /**
     * The run as ./compare --skip-latency would have written it: schema 2 without the latency phase, its warnings
     * (LatencyPhase's "target · ladder ..." and "target · websocket ...") and the failure they caused.
     */
    public static Results withoutLatency(Results run) {
        List<String> warnings = run.warnings().stream().filter(w -> !w.contains(" · ladder ") && !w.contains(" · websocket ")).toList();
        return new Results(run.schemaVersion(), run.runId() + "-skip-latency", run.startedAt(), run.finishedAt(),
                run.summaries().stream().anyMatch(Results.Summary::failed), warnings, run.settings(), run.environment(), run.targets(),
                run.measurements(), run.summaries(), null, run.warmUps());
    }

    /** The quick run in which every servlet-virtual product-by-id repetition saw 17 socket read errors, plus a hostile warning. */
    public static Results withFailure() {
        Results run = quickRun();
        List<Results.Measurement> measurements = run.measurements().stream().map(m -> isFailing(m.target(), m.workload())
                ? m.toBuilder().errors(new Results.Errors(0, 17, 0, 0, 0)).ok(false).build()
                : m).toList();
        List<Results.Summary> summaries = run.summaries().stream().map(s -> isFailing(s.target(), s.workload())
                ? s.withStatus(true, 51)
                : s).toList();
        List<String> warnings = new ArrayList<>(run.warnings());
        warnings.add(HOSTILE_WARNING);
        return new Results(run.schemaVersion(), run.runId(), run.startedAt(), run.finishedAt(), true, warnings, run.settings(),
                run.environment(), run.targets(), measurements, summaries, null, run.warmUps());
    }

    private static boolean isFailing(String target, String workload) {
        return target.equals("servlet-virtual") && workload.equals("product-by-id");
    }

    /**
     * The run as if {@code target} had been {@code factor} times as fast on {@code workload}: every repetition's req/s
     * and req/CPU-s scaled up by it, its latencies down, so the spread between repetitions stays what it was.
     */
    public static Results scaled(Results run, String target, String workload, double factor) {
        return withMeasurements(run, "scaled", m -> !(m.target().equals(target) && m.workload().equals(workload)) ? m
                : m.toBuilder().requests(Math.round(m.requests() * factor)).requestsPerSecond(m.requestsPerSecond() * factor)
                        .latencyMicros(m.latencyMicros() == null ? null : scaleLatency(m.latencyMicros(), 1 / factor))
                        .requestsPerCpuSecond(m.requestsPerCpuSecond() == null ? null : m.requestsPerCpuSecond() * factor).build());
    }

    /** The run with one summary changed, e.g. to a ratio Summaries would only produce on a disturbed machine. */
    public static Results withSummary(Results run, String target, String workload, UnaryOperator<Results.Summary> change) {
        List<Results.Summary> summaries = run.summaries().stream()
                .map(s -> s.target().equals(target) && s.workload().equals(workload) ? change.apply(s) : s).toList();
        return new Results(run.schemaVersion(), run.runId(), run.startedAt(), run.finishedAt(), run.failed(), run.warnings(), run.settings(),
                run.environment(), run.targets(), run.measurements(), summaries, null, run.warmUps());
    }

    /** The run with each named target's database budget as it would have logged it; the others keep theirs. */
    public static Results withDbBudgets(Results run, java.util.Map<String, Results.DbBudget> budgets) {
        List<Results.TargetInfo> targets = run.targets().stream()
                .map(t -> budgets.containsKey(t.name()) ? t.withDbBudget(budgets.get(t.name())) : t).toList();
        return new Results(run.schemaVersion(), run.runId(), run.startedAt(), run.finishedAt(), run.failed(), run.warnings(), run.settings(),
                run.environment(), targets, run.measurements(), run.summaries(), run.latency(), run.warmUps());
    }

    /**
     * The run as a schema 4 run on a pinned 4-core machine would record it: every wrk repetition with the server CPU its
     * req/CPU-s implies, PostgreSQL CPU per request {@code postgresMicros} (per target name), 20% of the machine idle, and
     * summaries folded again from those measurements.
     */
    public static Results withCost(Results run, java.util.Map<String, Double> postgresMicros) {
        List<Results.Measurement> measurements = run.measurements().stream().map(m -> m.requestsPerCpuSecond() == null ? m
                : m.toBuilder().postgresCpuSeconds(postgresMicros.getOrDefault(m.target(), 0.0) * m.requests() / 1e6).machineIdleShare(0.2)
                        .build()).toList();
        Results.Topology topology = new Results.Topology(Results.Topology.PINNED, 4, "0", "1", "2-3", Results.Topology.PINNED,
                "PostgreSQL, the servers and the load generator ran on disjoint CPU sets.");
        return new Results(Results.SCHEMA_VERSION, run.runId() + "-cost", run.startedAt(), run.finishedAt(), run.failed(), run.warnings(),
                run.settings(), run.environment().withTopology(topology), run.targets(), measurements,
                dev.webbench.bench.model.Summaries.of(measurements), null, run.warmUps());
    }

    /** The run with only its first repetition of everything. */
    public static Results firstRepetitionOnly(Results run) {
        List<Results.Measurement> first = run.measurements().stream().filter(m -> m.repetition() == 1).toList();
        return new Results(run.schemaVersion(), run.runId() + "-first", run.startedAt(), run.finishedAt(), run.failed(), run.warnings(),
                run.settings(), run.environment(), run.targets(), first, run.summaries(), null, run.warmUps());
    }

    public static Results withMeasurements(Results run, String suffix, UnaryOperator<Results.Measurement> change) {
        List<Results.Measurement> measurements = run.measurements().stream().map(change).toList();
        // Summaries follow the measurements' req/s so that reports rendered from the variant stay consistent.
        List<Results.Summary> summaries = run.summaries().stream().map(s -> {
            Stats rps = Stats.of(measurements.stream().filter(m -> m.target().equals(s.target()) && m.workload().equals(s.workload()))
                    .map(Results.Measurement::requestsPerSecond).toList());
            return s.withRequestsPerSecond(rps);
        }).toList();
        return new Results(run.schemaVersion(), run.runId() + "-" + suffix, run.startedAt(), run.finishedAt(), run.failed(), run.warnings(),
                run.settings(), run.environment(), run.targets(), measurements, summaries, null, run.warmUps());
    }

    private static Results.WrkLatency scaleLatency(Results.WrkLatency l, double f) {
        return new Results.WrkLatency(Math.round(l.min() * f), l.mean() * f, l.stdev() * f, Math.round(l.max() * f), Math.round(l.p50() * f),
                Math.round(l.p75() * f), Math.round(l.p90() * f), Math.round(l.p99() * f), Math.round(l.p999() * f));
    }

    /** Writes {@code run} as results.json into a fresh folder under {@code parent}, as a run folder would hold it. */
    public static Path runFolder(Path parent, String name, Results run) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.write(dir.resolve("results.json"));
        return dir;
    }
}
