package dev.webbench.bench.report.console;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import dev.webbench.bench.report.PeerSection;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The console summary: one block per workload, one row per target, medians first, failures and noise flagged. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static void print(Results results, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Results: %d repetition(s) of %d s, wrk -t%d, median [min-max]; CV over %.0f%% is flagged NOISY.%n",
                results.settings().repetitions(), results.settings().durationSeconds(), results.settings().wrkThreads(),
                Stats.NOISY_CV * 100);
        List<String> workloads = results.summaries().stream().map(Results.Summary::workload).distinct().toList();
        for (String workload : workloads) {
            out.println();
            out.printf("== %s%n", workload);
            out.printf(Locale.ROOT, "%-20s %10s %21s %6s %9s %9s %9s %9s %8s  %s%n",
                    "target", "req/s", "[min-max]", "CV", "p50 ms", "p99 ms", "CPU µs/r", "PG µs/r", "ratio", "status");
            for (Results.Summary s : results.summaries()) {
                if (!s.workload().equals(workload)) {
                    continue;
                }
                Stats rps = s.requestsPerSecond();
                Double ratio = s.ratioToDbCeiling() != null ? s.ratioToDbCeiling() : s.ratioToHttpCeiling();
                String ratioLabel = ratio == null ? "" : String.format(Locale.ROOT, "%.2f%s", ratio, s.ratioToDbCeiling() != null ? "db" : "http");
                String status = (s.failed() ? "FAILED: " + s.errors() + " errors" : s.noisy() ? "NOISY" : "ok")
                        + (s.generatorBound() ? " GENERATOR-BOUND" : "") + (s.dbCeiling() != null ? " (db: " + s.dbCeiling() + ")" : "")
                        + (s.ceilingExceededBy() != null ? " INVALIDATED by " + s.ceilingExceededBy() : "");
                out.printf(Locale.ROOT, "%-20s %10.0f %21s %5.1f%% %9s %9s %9s %9s %8s  %s%n",
                        PeerSection.label(results, s.target()), rps.median(), String.format(Locale.ROOT, "[%.0f-%.0f]", rps.min(), rps.max()), rps.cv() * 100,
                        millis(s.latencyP50MicrosMedian()), millis(s.latencyP99MicrosMedian()), micros(s.serverCpuMicrosPerRequestMedian()),
                        micros(s.postgresCpuMicrosPerRequestMedian()), ratioLabel, status);
            }
        }
        out.println();
        out.printf("%-20s %10s %11s %11s %10s %8s%n", "target", "startup ms", "RSS idle MB", "RSS peak MB", "jar MB", "LOC");
        for (Results.TargetInfo t : results.targets()) {
            out.printf(Locale.ROOT, "%-20s %10s %11s %11s %10s %8s%n", t.name(), value(t.startupMillis()),
                    t.rssIdleKib() == null ? "-" : String.format(Locale.ROOT, "%.0f", t.rssIdleKib() / 1024.0),
                    t.rssPeakKib() == null ? "-" : String.format(Locale.ROOT, "%.0f", t.rssPeakKib() / 1024.0),
                    t.jarBytes() == null ? "-" : String.format(Locale.ROOT, "%.1f", t.jarBytes() / 1048576.0), value(t.sourceLines()));
        }
        if (results.latency() != null) {
            latency(results.latency(), out);
        }
        PeerSection.print(results, out);
        out.println();
        Results.Topology topology = results.environment().topology();
        out.println(topology == null ? "Note: " + results.environment().note() : "CPU topology: " + topology.describe() + ". " + topology.note());
        out.println("CPU µs/r, PG µs/r: median server and PostgreSQL CPU per request (lower is cheaper).");
        out.println("ratio: median req/s over the same run's ceiling (db: product-by-id over the database ceiling at the target's "
                + "own budget, named in the status; http: /time over the HTTP ceiling). GENERATOR-BOUND: within 10% of the generator "
                + "ceiling or above it; INVALIDATED: a target measured above that ceiling beyond the noise, so no ratio to it.");
        for (String warning : results.warnings()) {
            out.println("WARNING: " + warning);
        }
        if (results.failed()) {
            out.println("FAILED: at least one measurement saw errors (non-2xx or socket errors); see the FAILED rows above.");
        }
    }

    /** The ladders (one line per target and endpoint, p99 per step) and the WebSocket runs. */
    private static void latency(Results.Latency latency, PrintStream out) {
        Results.LatencySettings settings = latency.settings();
        out.println();
        out.printf(Locale.ROOT, "== latency at fixed arrival rates (%s; %d s per step)%n", settings.generator(), settings.stepSeconds());
        out.printf(Locale.ROOT, "%-20s %-15s %13s  %s%n", "target", "endpoint", "p99<=" + fmt(settings.sloMillis()) + "ms at",
                "p99 ms per step (rate/s: p99) · ! generator could not keep the rate · c machine CPU >90% busy · E errors");
        for (Results.Ladder ladder : latency.ladders()) {
            StringBuilder steps = new StringBuilder();
            for (Results.LadderStep step : ladder.steps()) {
                steps.append(String.format(Locale.ROOT, "%.0f: %s%s%s%s  ", step.rate(),
                        step.latencyMillis() == null ? (step.abandoned() ? "abandoned" : "-") : fmt(step.latencyMillis().p99()),
                        step.generatorLimited() ? "!" : "", step.machineSaturated() ? "c" : "", step.errors() > 0 ? " E" + step.errors() : ""));
            }
            String headline = ladder.maxRateWithinSlo() == null ? "none" : String.format(Locale.ROOT, "%.0f/s", ladder.maxRateWithinSlo());
            out.printf(Locale.ROOT, "%-20s %-15s %13s  %s%s%n", ladder.target(), ladder.endpoint(), headline, steps,
                    ladder.failed() ? "FAILED" : !ladder.consistent() ? "NOISY" : "");
        }
        out.println();
        out.printf("== websocket /counter (Gatling ramp and checks; broadcast probe with HdrHistogram)%n");
        out.printf(Locale.ROOT, "%-20s %7s %14s %18s %18s %12s %12s  %s%n", "target", "clients", "connect p99 ms",
                "to each p50/p99 ms", "to all p50/p99 ms", "heap KB/conn", "RSS KB/conn", "status");
        for (Results.WebSocketRun run : latency.websockets()) {
            out.printf(Locale.ROOT, "%-20s %7d %14s %18s %18s %12s %12s  %s%n", run.target(), run.clients(),
                    run.connectMicros() == null ? "-" : fmt(run.connectMicros().p99() / 1000), pair(run.deliveryEachMicros()),
                    pair(run.deliveryAllMicros()), run.memory() == null || run.memory().heapPerConnectionKib() == null
                            ? "-" : fmt(run.memory().heapPerConnectionKib()),
                    run.memory() == null || run.memory().rssPerConnectionKib() == null ? "-" : fmt(run.memory().rssPerConnectionKib()),
                    run.failed() ? "FAILED: " + String.join("; ", run.problems()) : "ok");
        }
    }

    private static String pair(Results.Percentiles micros) {
        return micros == null ? "-" : fmt(micros.p50() / 1000) + " / " + fmt(micros.p99() / 1000);
    }

    private static String fmt(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String micros(Double micros) {
        return micros == null ? "" : String.format(Locale.ROOT, micros < 100 ? "%.1f" : "%.0f", micros);
    }

    private static String millis(Double micros) {
        return micros == null ? "" : String.format(Locale.ROOT, "%.2f", micros / 1000);
    }

    private static String value(Long v) {
        return v == null ? "-" : String.valueOf(v);
    }
}
