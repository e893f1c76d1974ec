package dev.webbench.bench.latency;

import dev.webbench.bench.target.MachineCpu;
import dev.webbench.bench.latency.gatling.Arrivals;
import dev.webbench.bench.latency.gatling.LadderPlan;
import dev.webbench.bench.model.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a ladder's Gatling rows into steps and its headline: the highest rate at which this step and every lower
 * one kept p99 within the SLO, with no error, at the rate asked for. Stopping at the first miss is deliberate: a
 * step that passes above one that missed is noise, and the ladder is flagged inconsistent rather than credited
 * with the higher rate.
 */
public final class LadderVerdict {
    private LadderVerdict() {
    }

    public static Results.LadderStep step(LadderPlan.Step planned, GatlingReport.Row row, Arrivals.Window arrivals, double sloMillis) {
        return step(planned, row, arrivals, sloMillis, List.of());
    }

    public static Results.LadderStep step(LadderPlan.Step planned, GatlingReport.Row row, Arrivals.Window arrivals, double sloMillis,
                                          List<MachineCpu.Sample> cpu) {
        boolean abandoned = arrivals != null && arrivals.abandoned();
        Double busy = arrivals == null ? null : MachineCpu.busyBetween(cpu, arrivals.firstStartMillis(), arrivals.lastStartMillis());
        if (row == null) {
            return new Results.LadderStep(planned.rate(), planned.fractionOfPeak(), 0, 0, 0, false, null, false, abandoned, busy);
        }
        double arrivalRate = arrivals == null ? 0 : arrivals.rate();
        boolean generatorLimited = !abandoned && arrivals != null && arrivals.users() > 1 && arrivalRate < planned.rate() * Results.LadderStep.MIN_ARRIVAL_SHARE;
        boolean within = !abandoned && row.total() > 0 && row.ko() == 0 && !generatorLimited && row.p99() <= sloMillis;
        return new Results.LadderStep(planned.rate(), planned.fractionOfPeak(), row.total(), row.ko(), arrivalRate, generatorLimited,
                row.percentiles(), within, abandoned, busy);
    }

    public static Results.Ladder ladder(String target, String endpoint, Double peak, List<LadderPlan.Step> planned,
                                        Map<String, GatlingReport.Row> rows, Map<String, Arrivals.Window> arrivals, double sloMillis,
                                        String report, String runProblem) {
        return ladder(target, endpoint, peak, planned, rows, arrivals, sloMillis, report, runProblem, List.of());
    }

    public static Results.Ladder ladder(String target, String endpoint, Double peak, List<LadderPlan.Step> planned,
                                        Map<String, GatlingReport.Row> rows, Map<String, Arrivals.Window> arrivals, double sloMillis,
                                        String report, String runProblem, List<MachineCpu.Sample> cpu) {
        List<Results.LadderStep> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (runProblem != null) {
            problems.add(runProblem);
        }
        boolean abandonedEarlier = false;
        for (LadderPlan.Step step : planned) {
            GatlingReport.Row row = rows.get(step.requestName());
            Arrivals.Window window = arrivals.get(step.requestName());
            if (abandonedEarlier && (window == null || !window.abandoned())) {
                // Later steps of an abandoned ladder run without sending anything: say so, it is not a missing number.
                window = new Arrivals.Window(window == null ? 0 : window.users(), window == null ? 0 : window.spanSeconds(), true);
            }
            Results.LadderStep measured = step(step, row, window, sloMillis, cpu);
            if (row == null && runProblem == null && !measured.abandoned()) {
                problems.add("no requests recorded for " + step.requestName());
            }
            abandonedEarlier |= measured.abandoned();
            steps.add(measured);
        }
        Headline headline = headline(steps);
        Double max = headline.maxRateWithinSlo();
        boolean consistent = headline.consistent();
        // Errors above the server's capacity are what an overloaded server does (fast 503s, timeouts): they only
        // make those steps miss the SLO. Errors at the lowest step, a fraction of the rate wrk saw it sustain, are a
        // defect; and a run without numbers is a failure of the bench.
        List<String> erring = steps.stream().filter(s -> s.errors() > 0)
                .map(s -> String.format(java.util.Locale.ROOT, "%d at %.0f/s", s.errors(), s.rate())).toList();
        boolean failed = !problems.isEmpty() || !steps.isEmpty() && steps.getFirst().errors() > 0;
        if (!erring.isEmpty()) {
            problems.add("failed requests " + String.join(", ", erring));
        }
        steps.stream().filter(Results.LadderStep::abandoned).findFirst().ifPresent(first -> problems.add(String.format(java.util.Locale.ROOT,
                "abandoned from %.0f/s on: over a second's worth of requests in flight", first.rate())));
        if (!steps.isEmpty() && steps.getFirst().abandoned()) {
            failed = true;
        }
        return new Results.Ladder(target, endpoint, peak, steps, max, consistent, failed, report,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** A ladder's headline rate (null: the lowest step missed) and whether any step passed above a miss. */
    public record Headline(Double maxRateWithinSlo, boolean consistent) {
    }

    /** The headline of judged steps, lowest first: it stops at the first step that missed. */
    public static Headline headline(List<Results.LadderStep> steps) {
        Double max = null;
        boolean missed = false;
        boolean consistent = true;
        for (Results.LadderStep step : steps) {
            if (step.withinSlo() && !missed) {
                max = step.rate();
            } else if (step.withinSlo()) {
                consistent = false;
            } else {
                missed = true;
            }
        }
        return new Headline(max, consistent);
    }

    /** One line for the console, e.g. {@code product-by-id: p99 <= 10 ms up to 12000/s (of 20000/s peak)}. */
    public static String headline(Results.Ladder ladder, double sloMillis) {
        StringBuilder line = new StringBuilder(ladder.endpoint()).append(": ");
        if (ladder.maxRateWithinSlo() == null) {
            line.append(String.format(java.util.Locale.ROOT, "p99 above %.0f ms (or errors) from the lowest step", sloMillis));
        } else {
            line.append(String.format(java.util.Locale.ROOT, "p99 <= %.0f ms up to %.0f/s", sloMillis, ladder.maxRateWithinSlo()));
        }
        if (ladder.peakRequestsPerSecond() != null) {
            line.append(String.format(java.util.Locale.ROOT, " (wrk peak %.0f/s)", ladder.peakRequestsPerSecond()));
        }
        if (ladder.generatorBound()) {
            line.append(", limited by the load generator");
        }
        if (!ladder.consistent()) {
            line.append(", NOISY: a higher step passed after a miss");
        }
        if (ladder.problem() != null) {
            line.append(ladder.failed() ? ", FAILED: " : ", ").append(ladder.problem());
        }
        return line.toString();
    }
}
