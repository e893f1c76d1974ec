package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.model.Stats;
import dev.webbench.bench.model.Summaries;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions every report asks of one run's results.json: which rows are implementations and which are the
 * ceilings, which workload leads, what the latency percentiles were. The reports only ever read results.json, so
 * an old run re-renders exactly as a fresh one.
 */
final class RunView {
    /** The schema's target kind for the bare Netty /time server. */
    static final String HTTP_CEILING_KIND = "http-ceiling";
    /** The schema's target kind for the responder that parses nothing: what wrk can drive on this machine. */
    static final String GENERATOR_CEILING_KIND = "generator-ceiling";
    /** The schema's target kind for the document's Python frameworks (./compare --peers): reference rows, never ranked. */
    static final String PEER_KIND = "peer";
    /** The schema's tool for the database ceiling, which is a JDBC loop inside the bench rather than a target. */
    static final String DB_CEILING_TOOL = "jdbc-loop";

    /** The workload the decision matrix and the findings are about: one database read, the common case of a REST service. */
    static final String PRIMARY_WORKLOAD = Scenario.PRODUCT_BY_ID.id();

    enum Status { OK, NOISY, FAILED, CEILING }

    private final Results results;
    /** Where results.json was read from, for the files that may sit beside it (jmh.json); empty for a run built in memory. */
    private final Optional<Path> runDir;

    RunView(Results results) {
        this(results, null);
    }

    RunView(Results results, Path runDir) {
        this.results = results.schemaVersion() >= 4 ? results : underCeilingRules(results);
        this.runDir = Optional.ofNullable(runDir);
    }

    Results results() {
        return results;
    }

    /** A run before schema 4 read under today's ceiling rules, so that it says which ceiling a target measured above. */
    private static Results underCeilingRules(Results old) {
        return new Results(old.schemaVersion(), old.runId(), old.startedAt(), old.finishedAt(), old.failed(), old.warnings(), old.settings(),
                old.environment(), old.targets(), old.measurements(), Summaries.underCeilingRules(old.summaries()), old.latency(),
                old.warmUps());
    }

    Optional<Path> runDir() {
        return runDir;
    }

    /** Workloads in the order the run measured them (scenarios, then the concurrency sweep). */
    List<String> workloads() {
        return results.summaries().stream().map(Results.Summary::workload).distinct().toList();
    }

    /** product-by-id when the run has it, else the first workload measured. */
    Optional<String> primaryWorkload() {
        List<String> workloads = workloads();
        return workloads.contains(PRIMARY_WORKLOAD) ? Optional.of(PRIMARY_WORKLOAD) : workloads.stream().findFirst();
    }

    /** The targets being compared: implementations and external servers, never the ceilings nor the peers. */
    List<Results.TargetInfo> contenders() {
        return results.targets().stream().filter(t -> !t.kind().equals(HTTP_CEILING_KIND) && !t.kind().equals(GENERATOR_CEILING_KIND)
                && !t.kind().equals(PEER_KIND)).toList();
    }

    /** The document's Python frameworks in this run, shown beside the contenders for reference ({@link PeerSection}). */
    List<Results.TargetInfo> peers() {
        return results.targets().stream().filter(t -> t.kind().equals(PEER_KIND)).toList();
    }

    boolean isPeer(String target) {
        return peers().stream().anyMatch(t -> t.name().equals(target));
    }

    /** The target's name as the tables show it: a peer is marked as a reference row. */
    String label(String target) {
        return isPeer(target) ? target + " (reference)" : target;
    }

    Optional<Results.TargetInfo> target(String name) {
        return results.targets().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The generator, HTTP and database ceilings, of this schema and the older ones. */
    boolean isCeiling(String target) {
        return Summaries.isCeiling(target) || httpCeilingName().filter(target::equals).isPresent();
    }

    Optional<String> httpCeilingName() {
        return results.targets().stream().filter(t -> t.kind().equals(HTTP_CEILING_KIND)).map(Results.TargetInfo::name).findFirst();
    }

    /** The HTTP ceiling's summary (it only runs /time). */
    Optional<Results.Summary> httpCeiling() {
        return httpCeilingName().flatMap(name -> results.summaries().stream().filter(s -> s.target().equals(name)).findFirst());
    }

    /** The generator ceiling's summary (it only runs /time); absent before schema 4. */
    Optional<Results.Summary> generatorCeiling() {
        return results.summaries().stream().filter(s -> s.target().equals(Results.GENERATOR_CEILING)).findFirst();
    }

    /** Every database ceiling's summary: one per budget from schema 4, the single {@code db-ceiling} before. */
    List<Results.Summary> dbCeilings() {
        return results.summaries().stream().filter(s -> Summaries.isDbCeiling(s.target())).toList();
    }

    /** The database ceiling {@code summary}'s ratio is to: the one its summary names, else the single one of older runs. */
    Optional<Results.Summary> dbCeilingOf(Results.Summary summary) {
        String name = summary.dbCeiling() != null ? summary.dbCeiling() : Results.DB_CEILING;
        return dbCeilings().stream().filter(s -> s.target().equals(name)).findFirst();
    }

    /** The ceilings a target measured above beyond the noise: no ratio is given to them. */
    List<Results.Summary> invalidatedCeilings() {
        return results.summaries().stream().filter(s -> s.ceilingExceededBy() != null).toList();
    }

    List<Results.Summary> summaries(String workload) {
        return results.summaries().stream().filter(s -> s.workload().equals(workload)).toList();
    }

    Optional<Results.Summary> summary(String target, String workload) {
        return results.summaries().stream().filter(s -> s.target().equals(target) && s.workload().equals(workload)).findFirst();
    }

    /** The contenders' clean summaries of one workload, fastest first: what a "who leads" sentence may use. */
    List<Results.Summary> ranking(String workload) {
        return contenders().stream().map(t -> summary(t.name(), workload)).flatMap(Optional::stream).filter(s -> !s.failed())
                .sorted(Comparator.comparingDouble((Results.Summary s) -> s.requestsPerSecond().median()).reversed()).toList();
    }

    Status status(Results.Summary summary) {
        if (summary.failed()) {
            return Status.FAILED;
        }
        if (isCeiling(summary.target())) {
            return Status.CEILING;
        }
        return summary.noisy() ? Status.NOISY : Status.OK;
    }

    List<Results.Summary> failed() {
        return results.summaries().stream().filter(Results.Summary::failed).toList();
    }

    List<Results.Summary> noisy() {
        return results.summaries().stream().filter(s -> !s.failed() && s.noisy()).toList();
    }

    /**
     * Each percentile's median over the repetitions, in microseconds. results.json summarises only p50 and p99, so
     * the others are folded here the same way (median, never best-of-N). Empty when the tool had no latency (jdbc-loop).
     */
    Map<Percentile, Double> latency(String target, String workload) {
        List<Results.Measurement> reps = results.measurements().stream()
                .filter(m -> m.target().equals(target) && m.workload().equals(workload) && m.latencyMicros() != null).toList();
        Map<Percentile, Double> percentiles = new EnumMap<>(Percentile.class);
        if (reps.isEmpty()) {
            return percentiles;
        }
        for (Percentile p : Percentile.values()) {
            percentiles.put(p, Stats.of(reps.stream().map(m -> (double) p.micros(m.latencyMicros())).toList()).median());
        }
        return percentiles;
    }

    /** The Gatling ladders and WebSocket runs; empty for a version 1 run or one with --skip-latency. */
    Optional<Results.Latency> latencyPhase() {
        return Optional.ofNullable(results.latency());
    }

    /** Whether the run has open-model ladders: the smoke run's latency phase has only the WebSocket probe. */
    boolean hasLadders() {
        return latencyPhase().map(latency -> !latency.ladders().isEmpty()).orElse(false);
    }

    /** The laddered endpoints in the order the run measured them (scenarios, then mixed). */
    List<String> ladderEndpoints() {
        return ladders().stream().map(Results.Ladder::endpoint).distinct().toList();
    }

    List<Results.Ladder> ladders() {
        return latencyPhase().map(Results.Latency::ladders).orElse(List.of());
    }

    List<Results.Ladder> ladders(String endpoint) {
        return ladders().stream().filter(l -> l.endpoint().equals(endpoint)).toList();
    }

    Optional<Results.Ladder> ladder(String target, String endpoint) {
        return ladders(endpoint).stream().filter(l -> l.target().equals(target)).findFirst();
    }

    /**
     * The ladder the decision matrix and the PNG chart are about: the primary workload's when it was laddered, else the
     * mix, else the first.
     */
    Optional<String> primaryLadderEndpoint() {
        List<String> endpoints = ladderEndpoints();
        return primaryWorkload().filter(endpoints::contains)
                .or(() -> Optional.of(Results.Ladder.MIXED).filter(endpoints::contains))
                .or(() -> endpoints.stream().findFirst());
    }

    List<Results.Ladder> failedLadders() {
        return ladders().stream().filter(Results.Ladder::failed).toList();
    }

    List<Results.WebSocketRun> websockets() {
        return latencyPhase().map(Results.Latency::websockets).orElse(List.of());
    }

    /** The WebSocket client counts in the order run. */
    List<Integer> websocketClientCounts() {
        return websockets().stream().map(Results.WebSocketRun::clients).distinct().toList();
    }

    List<Results.WebSocketRun> websockets(int clients) {
        return websockets().stream().filter(w -> w.clients() == clients).toList();
    }

    List<Results.WebSocketRun> failedWebSockets() {
        return websockets().stream().filter(Results.WebSocketRun::failed).toList();
    }

    /** The SLO the ladders were judged against, in milliseconds. */
    double sloMillis() {
        return latencyPhase().map(l -> l.settings().sloMillis()).orElse(Double.NaN);
    }

    /** Workloads for which at least one target has wrk latencies. */
    List<String> latencyWorkloads() {
        return workloads().stream().filter(w -> results.measurements().stream()
                .anyMatch(m -> m.workload().equals(w) && m.latencyMicros() != null)).toList();
    }
}
