package dev.webbench.bench.report;

import dev.webbench.bench.Results;
import dev.webbench.bench.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
        run.primaryWorkload().ifPresent(workload -> {
            leader(run, workload).ifPresent(findings::add);
            dbCeilingShare(run, workload).ifPresent(findings::add);
            cpuEfficiency(run, workload).ifPresent(findings::add);
        });
        httpCeilingShare(run).ifPresent(findings::add);
        smallest(run, "the smallest peak memory", "RSS", Results.TargetInfo::rssPeakKib, Formats::mib).ifPresent(findings::add);
        smallest(run, "the fastest startup", "to the first good response", Results.TargetInfo::startupMillis, Formats::startup)
                .ifPresent(findings::add);
        smallest(run, "the least code", "lines of main Java source", Results.TargetInfo::sourceLines, Formats::lines)
                .ifPresent(findings::add);
        noise(run).ifPresent(findings::add);
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
        boolean overlap = best.min() <= next.max();
        return Optional.of(String.format(Locale.ROOT, "%s is fastest on %s at %s req/s (median of %d), %s ahead of %s at %s req/s; %s.",
                first.target(), workload, Formats.rate(best.median()), best.n(), Formats.percent(best.median() / next.median() - 1),
                second.target(), Formats.rate(next.median()),
                overlap ? "their min-max ranges overlap, so the order may not repeat on another run"
                        : "their min-max ranges do not overlap"));
    }

    private static Optional<String> dbCeilingShare(RunView run, String workload) {
        return run.ranking(workload).stream().filter(s -> s.ratioToDbCeiling() != null).findFirst()
                .flatMap(best -> run.dbCeiling().map(ceiling -> String.format(Locale.ROOT,
                        "The fastest on %s, %s, reaches %s of the database ceiling (%s queries/s straight over JDBC in the same run)%s.",
                        workload, best.target(), Formats.percent(best.ratioToDbCeiling()), Formats.rate(ceiling.requestsPerSecond().median()),
                        aboveCeiling(best.ratioToDbCeiling(), ceiling))));
    }

    private static Optional<String> httpCeilingShare(RunView run) {
        Optional<Results.Summary> ceiling = run.httpCeiling();
        if (ceiling.isEmpty()) {
            return Optional.empty();
        }
        String workload = ceiling.get().workload();
        return run.ranking(workload).stream().filter(s -> s.ratioToHttpCeiling() != null).findFirst()
                .map(best -> String.format(Locale.ROOT,
                        "Without the database (%s), the fastest, %s, reaches %s of the HTTP ceiling (%s req/s from a bare Netty handler)%s.",
                        workload, best.target(), Formats.percent(best.ratioToHttpCeiling()), Formats.rate(ceiling.get().requestsPerSecond().median()),
                        aboveCeiling(best.ratioToHttpCeiling(), ceiling.get())));
    }

    /** A target cannot really beat its ceiling: when it seems to, the ceiling's own measurement was disturbed. */
    private static String aboveCeiling(double ratio, Results.Summary ceiling) {
        return ratio <= 1 ? "" : String.format(Locale.ROOT, "; above 100%%, so the ceiling's own measurement was disturbed (CV %s)",
                Formats.percent(ceiling.requestsPerSecond().cv()));
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
    private static Optional<String> smallest(RunView run, String what, String detail, ToLongFunction<Results.TargetInfo> value,
                                             LongFunction<String> format) {
        List<Results.TargetInfo> measured = run.contenders().stream().filter(t -> value.applyAsLong(t) >= 0)
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
