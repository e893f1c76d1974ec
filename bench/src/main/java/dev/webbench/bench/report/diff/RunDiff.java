package dev.webbench.bench.report.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import dev.webbench.bench.report.RunReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares two runs, target by workload by metric, and calls a change real only when the two medians' confidence
 * intervals (order statistics over each run's repetitions, see {@link Stats}) do not overlap. Anything else is
 * within noise, whichever way it points; each row says the intervals and the lower of their two coverages.
 */
public final class RunDiff {
    enum Metric {
        REQUESTS_PER_SECOND("req/s median", true, m -> m.requestsPerSecond()),
        P99("p99 ms (closed-model wrk)", false, m -> m.latencyMicros() == null ? null : m.latencyMicros().p99() / 1000.0),
        REQUESTS_PER_CPU_SECOND("req/CPU-s median", true, m -> m.requestsPerCpuSecond() != null && m.requestsPerCpuSecond() > 0 ? m.requestsPerCpuSecond() : null);

        final String label;
        final boolean moreIsBetter;
        final Function<Results.Measurement, Double> value;

        Metric(String label, boolean moreIsBetter, Function<Results.Measurement, Double> value) {
            this.label = label;
            this.moreIsBetter = moreIsBetter;
            this.value = value;
        }
    }

    enum Verdict {
        IMPROVED, REGRESSION, WITHIN_NOISE,
        /** A run has a single repetition here, so it measured no noise to compare against. */
        UNJUDGED,
        /** A repetition saw errors in either run: its numbers are not comparable. */
        FAILED
    }

    /**
     * One metric of one target on one workload. The change is a fraction of the base median; the intervals are each
     * median's, {@code level} the lower of their coverages (null when unjudged).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String target, String workload, Metric metric, double base, double current, double change, Double baseLow, Double baseHigh,
               Double newLow, Double newHigh, Double level, Verdict verdict) {
        static Row of(Pair pair, Metric metric, Stats base, Stats current, Verdict verdict) {
            double change = base.median() == 0 ? 0 : (current.median() - base.median()) / base.median();
            boolean judged = verdict != Verdict.UNJUDGED && verdict != Verdict.FAILED;
            return new Row(pair.target(), pair.workload(), metric, base.median(), current.median(), change, judged ? base.ciLow() : null,
                    judged ? base.ciHigh() : null, judged ? current.ciLow() : null, judged ? current.ciHigh() : null,
                    judged ? Math.min(base.ciLevel(), current.ciLevel()) : null, verdict);
        }
    }

    /** The whole comparison: what diff.json holds. */
    record Report(String baseRun, String newRun, String rule, List<Row> rows, List<String> onlyInBase, List<String> onlyInNew) {
        long count(Verdict verdict) {
            return rows.stream().filter(r -> r.verdict() == verdict).count();
        }
    }

    static final String RULE = "A change counts when the two medians' confidence intervals do not overlap (order statistics over each "
            + "run's repetitions: 95% from 6 repetitions, [min, max] with its lower coverage below that, e.g. 75% for 3).";

    private RunDiff() {
    }

    static Report compare(Results base, Results current) {
        Set<Pair> basePairs = pairs(base);
        Set<Pair> newPairs = pairs(current);
        List<Row> rows = new ArrayList<>();
        for (Pair pair : basePairs) {
            if (newPairs.contains(pair)) {
                List<Results.Measurement> before = reps(base, pair);
                List<Results.Measurement> after = reps(current, pair);
                for (Metric metric : Metric.values()) {
                    row(pair, metric, before, after).ifPresent(rows::add);
                }
            }
        }
        return new Report(base.runId(), current.runId(), RULE, rows,
                basePairs.stream().filter(p -> !newPairs.contains(p)).map(Pair::toString).toList(),
                newPairs.stream().filter(p -> !basePairs.contains(p)).map(Pair::toString).toList());
    }

    private static Optional<Row> row(Pair pair, Metric metric, List<Results.Measurement> before, List<Results.Measurement> after) {
        List<Double> a = before.stream().map(metric.value).filter(v -> v != null).toList();
        List<Double> b = after.stream().map(metric.value).filter(v -> v != null).toList();
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        Stats baseStats = Stats.of(a);
        Stats newStats = Stats.of(b);
        boolean failed = before.stream().anyMatch(m -> !m.ok()) || after.stream().anyMatch(m -> !m.ok());
        if (failed) {
            return Optional.of(Row.of(pair, metric, baseStats, newStats, Verdict.FAILED));
        }
        if (baseStats.n() < 2 || newStats.n() < 2) {
            return Optional.of(Row.of(pair, metric, baseStats, newStats, Verdict.UNJUDGED));
        }
        Verdict verdict = baseStats.overlaps(newStats) ? Verdict.WITHIN_NOISE
                : newStats.above(baseStats) == metric.moreIsBetter ? Verdict.IMPROVED : Verdict.REGRESSION;
        return Optional.of(Row.of(pair, metric, baseStats, newStats, verdict));
    }

    private record Pair(String target, String workload) {
        @Override
        public String toString() {
            return target + " · " + workload;
        }
    }

    /** Every measured target and workload, in the order run. */
    private static Set<Pair> pairs(Results results) {
        Set<Pair> pairs = new LinkedHashSet<>();
        results.measurements().forEach(m -> pairs.add(new Pair(m.target(), m.workload())));
        return pairs;
    }

    private static List<Results.Measurement> reps(Results results, Pair pair) {
        return results.measurements().stream().filter(m -> m.target().equals(pair.target()) && m.workload().equals(pair.workload())).toList();
    }

    /**
     * Compares two run folders, prints the table, writes diff.md and diff.json into the new one and returns the
     * number of regressions beyond noise.
     */
    public static long diff(Path baseRunDir, Path newRunDir, PrintStream console) {
        RunDiff.Report report = compare(RunReport.results(baseRunDir), RunReport.results(newRunDir));
        DiffOutput.print(report, console);
        console.println("Wrote " + DiffOutput.writeMarkdown(report, newRunDir) + " and " + DiffOutput.writeJson(report, newRunDir));
        return report.count(Verdict.REGRESSION);
    }
}
