package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The run's top findings as plain sentences, each carrying the number it rests on. Everything is computed from the
 * run: a finding that cannot be backed by this run's data is left out, never filled in.
 */
final class Findings {
    /** Footprint values this close (relative) to the best are reported as a tie. */
    static final double TIE = 0.01;

    private Findings() {
    }

    static List<String> of(RunView run) {
        List<String> findings = new ArrayList<>();
        failures(run).ifPresent(findings::add);
        failedLadders(run).ifPresent(findings::add);
        failedWebSockets(run).ifPresent(findings::add);
        findings.addAll(CeilingNotes.findings(run));
        run.primaryWorkload().ifPresent(workload -> {
            leader(run, workload).ifPresent(findings::add);
            dbCeilingShare(run, workload).ifPresent(findings::add);
            CostSection.explainsRanking(run, workload).ifPresent(findings::add);
            cpuEfficiency(run, workload).ifPresent(findings::add);
        });
        PeerSection.finding(run).ifPresent(findings::add);
        httpCeilingShare(run).ifPresent(findings::add);
        ladderHeadlines(run).ifPresent(findings::add);
        generatorBound(run).ifPresent(findings::add);
        noisyLadders(run).ifPresent(findings::add);
        findings.addAll(broadcast(run));
        smallest(run, "the smallest peak memory", "RSS", Results.TargetInfo::rssPeakKib, Formats::mib).ifPresent(findings::add);
        smallest(run, "the fastest startup", "to the first good response", Results.TargetInfo::startupMillis, Formats::startup)
                .ifPresent(findings::add);
        smallest(run, "the least code", "lines of main Java source", Results.TargetInfo::sourceLines, Formats::lines)
                .ifPresent(findings::add);
        noise(run).ifPresent(findings::add);
        WarmUpSection.capReached(run).ifPresent(findings::add);
        return findings;
    }

    private static Optional<String> failures(RunView run) {
        List<Results.Summary> failed = run.failed();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        List<String> rows = failed.stream().map(s -> s.target() + " on " + s.workload() + " (" + s.errors() + " errors)").toList();
        return Optional.of(String.format(Locale.ROOT, "FAILED: %d result(s) saw errors and are left out of every ranking: %s.",
                failed.size(), String.join(", ", rows)));
    }

    private static Optional<String> failedLadders(RunView run) {
        List<Results.Ladder> failed = run.failedLadders();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        failed.forEach(l -> byTarget.computeIfAbsent(l.target(), t -> new ArrayList<>()).add(l.endpoint()));
        List<String> parts = new ArrayList<>();
        byTarget.forEach((target, endpoints) -> parts.add(target + " on " + and(endpoints)));
        return Optional.of(String.format(Locale.ROOT, "FAILED: %d of %d latency ladders saw failed requests already at their lowest step "
                + "or could not be measured, so they have no headline: %s.", failed.size(), run.ladders().size(), String.join("; ", parts)));
    }

    /** Why a ladder failed, in a few words: requests failing at its lowest step, or the bench's own problem. */
    static String ladderFailure(Results.Ladder ladder) {
        if (!ladder.steps().isEmpty() && ladder.steps().getFirst().errors() > 0) {
            Results.LadderStep first = ladder.steps().getFirst();
            return String.format(Locale.ROOT, "%,d of %,d requests failed already at the lowest step, %s%s", first.errors(), first.requests(),
                    Formats.perSecond(first.rate()), first.fractionOfPeak() == null ? ""
                            : " (" + Formats.wholePercent(first.fractionOfPeak()) + " of the wrk peak)");
        }
        return ladder.problem() == null ? "not measured" : ladder.problem();
    }

    private static Optional<String> failedWebSockets(RunView run) {
        List<Results.WebSocketRun> failed = run.failedWebSockets();
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        int rounds = run.latencyPhase().orElseThrow().settings().broadcastRounds();
        List<String> parts = failed.stream().map(ws -> String.format(Locale.ROOT, "%s with %,d clients (%s)", ws.target(), ws.clients(),
                webSocketFailure(ws, rounds))).toList();
        return Optional.of(String.format(Locale.ROOT, "FAILED: %d of %d WebSocket counter runs: %s.", failed.size(), run.websockets().size(),
                String.join("; ", parts)));
    }

    /** What went wrong in a WebSocket run, from its numbers; the first problem's text when they show nothing. */
    static String webSocketFailure(Results.WebSocketRun ws, int rounds) {
        List<String> parts = new ArrayList<>();
        if (!ws.gatlingAssertionsPassed()) {
            parts.add("Gatling's checks failed" + (ws.gatlingErrors() != null && ws.gatlingErrors() > 0 ? String.format(Locale.ROOT, " with %,d errors", ws.gatlingErrors()) : ""));
        }
        if (ws.sequenceViolations() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d count(s) out of the contract's order", ws.sequenceViolations()));
        }
        if (ws.broadcastRounds() < rounds) {
            parts.add(String.format(Locale.ROOT, "%d of %d broadcast rounds completed", ws.broadcastRounds(), rounds));
        }
        return parts.isEmpty() ? String.join("; ", ws.problems()) : String.join(", ", parts);
    }

    /** The best headline on each laddered endpoint, failed ladders left out. */
    private static Optional<String> ladderHeadlines(RunView run) {
        List<String> endpoints = run.ladderEndpoints();
        if (endpoints.isEmpty()) {
            return Optional.empty();
        }
        String slo = Formats.sloMillis(run.sloMillis());
        List<String> parts = new ArrayList<>();
        boolean any = false;
        for (String endpoint : endpoints) {
            Optional<Results.Ladder> best = run.ladders(endpoint).stream().filter(l -> !l.failed() && l.maxRateWithinSlo() != null)
                    .max(Comparator.comparingDouble(Results.Ladder::maxRateWithinSlo));
            any |= best.isPresent();
            parts.add(endpoint + ": " + best.map(l -> l.target() + " up to " + Formats.perSecond(l.maxRateWithinSlo()) + headlineShare(l))
                    .orElse("none"));
        }
        if (!any) {
            // The number this rests on: the nearest miss, the lowest p99 any clean ladder had at its lowest step.
            String closest = run.ladders().stream().filter(l -> !l.failed() && !l.steps().isEmpty() && l.steps().getFirst().latencyMillis() != null)
                    .min(Comparator.comparingDouble(l -> l.steps().getFirst().latencyMillis().p99()))
                    .map(l -> {
                        Results.LadderStep first = l.steps().getFirst();
                        return String.format(Locale.ROOT, "; the closest, %s on %s, had a p99 of %s ms at %s (%s)", l.target(), l.endpoint(),
                                Formats.wholeMillis(first.latencyMillis().p99()), Formats.perSecond(first.rate()), LadderSection.describeFlags(first));
                    }).orElse("");
            return Optional.of(String.format(Locale.ROOT, "At fixed arrival rates (open model), no target kept p99 ≤ %s ms with no failed "
                    + "request even at its lowest step, on %s%s.", slo, and(endpoints), closest));
        }
        return Optional.of(String.format(Locale.ROOT, "Highest fixed arrival rate with p99 ≤ %s ms and no failed request (open model), best "
                + "per endpoint: %s.", slo, String.join("; ", parts)));
    }

    /** " (25% of its wrk peak)" for the step the headline stopped at, nothing for a rate given by --rates. */
    private static String headlineShare(Results.Ladder ladder) {
        return ladder.steps().stream().filter(s -> s.rate() == ladder.maxRateWithinSlo() && s.fractionOfPeak() != null).findFirst()
                .map(s -> " (" + Formats.wholePercent(s.fractionOfPeak()) + " of its wrk peak)").orElse("");
    }

    private static Optional<String> generatorBound(RunView run) {
        List<String> bound = run.ladders().stream().filter(l -> !l.failed() && l.generatorBound())
                .map(l -> l.target() + " on " + l.endpoint()).toList();
        if (bound.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "Generator-bound: the ladder%s of %s stopped at a step where Gatling could not start "
                + "users as fast as asked, so the server may do better; measure from another machine or pin CPUs (--server-cpus, --load-cpus).",
                bound.size() == 1 ? "" : "s", and(bound)));
    }

    private static Optional<String> noisyLadders(RunView run) {
        List<String> noisy = run.ladders().stream().filter(l -> !l.consistent()).map(l -> l.target() + " on " + l.endpoint()).toList();
        if (noisy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "NOISY ladder%s: on %s a higher step passed after one that missed; the headline stops at "
                + "the first miss, so rerun on a quieter machine before reading more into it.", noisy.size() == 1 ? "" : "s", and(noisy)));
    }

    /** Per client count, the fastest broadcast to all listeners among the runs that did not fail. */
    private static List<String> broadcast(RunView run) {
        List<String> findings = new ArrayList<>();
        for (int clients : run.websocketClientCounts()) {
            List<Results.WebSocketRun> clean = run.websockets(clients).stream().filter(w -> !w.failed() && w.deliveryAllMicros() != null)
                    .sorted(Comparator.comparingDouble(w -> w.deliveryAllMicros().p50())).toList();
            if (clean.isEmpty()) {
                continue;
            }
            Results.WebSocketRun best = clean.getFirst();
            String heap = WebSocketSection.heapPerConnection(best.memory());
            String next = clean.size() < 2 ? "" : String.format(Locale.ROOT, " (next: %s, %s ms)", clean.get(1).target(),
                    Formats.tenthMillis(clean.get(1).deliveryAllMicros().p50()));
            findings.add(String.format(Locale.ROOT, "WebSocket counter with %,d clients: %s tells every listener of a new client in %s ms "
                            + "(p50 of %d rounds, max %s ms)%s%s.", clients, best.target(), Formats.tenthMillis(best.deliveryAllMicros().p50()),
                    best.broadcastRounds(), Formats.tenthMillis(best.deliveryAllMicros().max()), next,
                    heap.equals(Formats.NOT_MEASURED) ? "" : ", holding " + heap + " KiB of heap per idle connection"));
        }
        return findings;
    }

    private static String and(List<String> items) {
        return items.size() < 2 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /**
     * Who leads on {@code workload}, said only as strongly as the intervals allow: "A is faster than B" when A's
     * interval lies above B's, "A and B tie" (with every other target whose interval overlaps the leader's) otherwise.
     */
    private static Optional<String> leader(RunView run, String workload) {
        List<Results.Summary> ranking = run.ranking(workload);
        if (ranking.isEmpty()) {
            return Optional.empty();
        }
        Results.Summary first = ranking.getFirst();
        Stats best = first.requestsPerSecond();
        if (ranking.size() == 1) {
            return Optional.of(String.format(Locale.ROOT, "Only %s has a clean result on %s: %s req/s (median of %d).",
                    first.target(), workload, Formats.rate(best.median()), best.n()));
        }
        Results.Summary second = ranking.get(1);
        Stats next = second.requestsPerSecond();
        String level = Formats.coverage(Math.min(best.ciLevel(), next.ciLevel()));
        if (best.above(next)) {
            return Optional.of(String.format(Locale.ROOT, "%s is faster than %s on %s: %s req/s %s against %s %s (medians of %d; their %s "
                            + "intervals do not overlap), %s ahead.", first.target(), second.target(), workload, Formats.rate(best.median()),
                    Formats.interval(best), Formats.rate(next.median()), Formats.interval(next), best.n(), level,
                    Formats.percent(best.median() / next.median() - 1)));
        }
        List<String> tied = ranking.stream().filter(s -> s.requestsPerSecond().overlaps(best)).map(Results.Summary::target).toList();
        return Optional.of(String.format(Locale.ROOT, "%s tie on %s: %s leads on the medians, %s req/s %s against %s %s for %s, but their %s "
                        + "intervals overlap, so this run does not say which is faster.", and(tied), workload, first.target(),
                Formats.rate(best.median()), Formats.interval(best), Formats.rate(next.median()), Formats.interval(next), second.target(), level));
    }

    private static Optional<String> dbCeilingShare(RunView run, String workload) {
        return run.ranking(workload).stream().filter(s -> s.ratioToDbCeiling() != null).findFirst()
                .flatMap(best -> run.dbCeilingOf(best).map(ceiling -> String.format(Locale.ROOT,
                        "The fastest on %s, %s, reaches %s of the database ceiling at its own budget (%s: %s queries/s in the same run)%s.",
                        workload, best.target(), Formats.percent(best.ratioToDbCeiling()), ceiling.target(),
                        Formats.rate(ceiling.requestsPerSecond().median()), aboveCeiling(best.ratioToDbCeiling(), ceiling))));
    }

    private static Optional<String> httpCeilingShare(RunView run) {
        Optional<Results.Summary> ceiling = run.httpCeiling();
        if (ceiling.isEmpty()) {
            return Optional.empty();
        }
        String workload = ceiling.get().workload();
        return run.ranking(workload).stream().filter(s -> s.ratioToHttpCeiling() != null).findFirst()
                .map(best -> String.format(Locale.ROOT,
                        "Without the database (%s), the fastest, %s, reaches %s of the HTTP ceiling (%s req/s)%s.",
                        workload, best.target(), Formats.percent(best.ratioToHttpCeiling()), Formats.rate(ceiling.get().requestsPerSecond().median()),
                        aboveCeiling(best.ratioToHttpCeiling(), ceiling.get())));
    }

    /**
     * A ratio over 100% is only ever within the noise: a target above a ceiling beyond it invalidates the ceiling, and
     * then no ratio is given.
     */
    private static String aboveCeiling(double ratio, Results.Summary ceiling) {
        return ratio <= 1 ? "" : String.format(Locale.ROOT, "; above 100%% but within the noise of both (the ceiling's CV %s): a tie "
                + "with the ceiling", Formats.percent(ceiling.requestsPerSecond().cv()));
    }

    private static Optional<String> cpuEfficiency(RunView run, String workload) {
        List<Results.Summary> efficient = run.ranking(workload).stream().filter(s -> s.requestsPerCpuSecondMedian() != null)
                .sorted(Comparator.comparingDouble(Results.Summary::requestsPerCpuSecondMedian).reversed()).toList();
        if (efficient.isEmpty()) {
            return Optional.empty();
        }
        Results.Summary best = efficient.getFirst();
        String versus = efficient.size() < 2 ? "" : String.format(Locale.ROOT, ", %s more than %s (%s)",
                Formats.percent(best.requestsPerCpuSecondMedian() / efficient.get(1).requestsPerCpuSecondMedian() - 1),
                efficient.get(1).target(), Formats.rate(efficient.get(1).requestsPerCpuSecondMedian()));
        return Optional.of(String.format(Locale.ROOT, "%s is the most CPU-efficient on %s: %s requests per server CPU-second%s.",
                best.target(), workload, Formats.rate(best.requestsPerCpuSecondMedian()), versus));
    }

    /**
     * "X has the least Y: N (next: Z, M)", for memory, startup and code size, where less is better. Targets within
     * {@link #TIE} of the best are named together: 458 MiB against 458 MiB is not a win.
     */
    private static Optional<String> smallest(RunView run, String what, String detail, Function<Results.TargetInfo, Long> measuredValue,
                                             LongFunction<String> format) {
        ToLongFunction<Results.TargetInfo> value = t -> measuredValue.apply(t);
        List<Results.TargetInfo> measured = run.contenders().stream().filter(t -> measuredValue.apply(t) != null)
                .sorted(Comparator.comparingLong(value)).toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        long best = value.applyAsLong(measured.getFirst());
        List<Results.TargetInfo> tied = measured.stream().filter(t -> value.applyAsLong(t) <= best * (1 + TIE)).toList();
        if (tied.size() > 1) {
            return Optional.of(String.format(Locale.ROOT, "%s tie for %s: %s %s, within %s of each other.",
                    String.join(" and ", tied.stream().map(Results.TargetInfo::name).toList()), what, format.apply(best), detail,
                    Formats.percent(TIE)));
        }
        String next = measured.size() < 2 ? "" : String.format(Locale.ROOT, " (next: %s, %s)", measured.get(1).name(),
                format.apply(value.applyAsLong(measured.get(1))));
        return Optional.of(String.format(Locale.ROOT, "%s has %s: %s %s%s.", measured.getFirst().name(), what, format.apply(best), detail, next));
    }

    private static Optional<String> noise(RunView run) {
        List<Results.Summary> noisy = run.noisy();
        int total = run.results().summaries().size();
        if (noisy.isEmpty()) {
            return Optional.of(String.format(Locale.ROOT, "All %d results are steady: every coefficient of variation is at most %s.",
                    total, Formats.percent(Stats.NOISY_CV)));
        }
        return Optional.of(String.format(Locale.ROOT,
                "%d of %d results are NOISY (fewer than 3 repetitions or a coefficient of variation above %s): "
                        + "treat differences smaller than their min-max spread as ties.", noisy.size(), total, Formats.percent(Stats.NOISY_CV)));
    }
}
