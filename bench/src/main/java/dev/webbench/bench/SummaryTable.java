package dev.webbench.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The console summary: one block per workload, one row per target, medians first, failures and noise flagged. */
final class SummaryTable {
    private SummaryTable() {
    }

    static void print(Results results, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "Results: %d repetition(s) of %d s, wrk -t%d, median [min-max]; CV over %.0f%% is flagged NOISY.%n",
                results.settings().repetitions(), results.settings().durationSeconds(), results.settings().wrkThreads(),
                Stats.NOISY_CV * 100);
        List<String> workloads = results.summaries().stream().map(Results.Summary::workload).distinct().toList();
        for (String workload : workloads) {
            out.println();
            out.printf("== %s%n", workload);
            out.printf(Locale.ROOT, "%-20s %10s %21s %6s %9s %9s %10s %8s  %s%n",
                    "target", "req/s", "[min-max]", "CV", "p50 ms", "p99 ms", "req/CPU-s", "ratio", "status");
            for (Results.Summary s : results.summaries()) {
                if (!s.workload().equals(workload)) {
                    continue;
                }
                Stats rps = s.requestsPerSecond();
                Double ratio = s.ratioToDbCeiling() != null ? s.ratioToDbCeiling() : s.ratioToHttpCeiling();
                String ratioLabel = ratio == null ? "" : String.format(Locale.ROOT, "%.2f%s", ratio, s.ratioToDbCeiling() != null ? "db" : "http");
                String status = s.failed() ? "FAILED: " + s.errors() + " errors" : s.noisy() ? "NOISY" : "ok";
                out.printf(Locale.ROOT, "%-20s %10.0f %21s %5.1f%% %9s %9s %10s %8s  %s%n",
                        s.target(), rps.median(), String.format(Locale.ROOT, "[%.0f-%.0f]", rps.min(), rps.max()), rps.cv() * 100,
                        millis(s.latencyP50MicrosMedian()), millis(s.latencyP99MicrosMedian()),
                        s.requestsPerCpuSecondMedian() == null ? "" : String.format(Locale.ROOT, "%.0f", s.requestsPerCpuSecondMedian()),
                        ratioLabel, status);
            }
        }
        out.println();
        out.printf("%-20s %10s %11s %11s %10s %8s%n", "target", "startup ms", "RSS idle MB", "RSS peak MB", "jar MB", "LOC");
        for (Results.TargetInfo t : results.targets()) {
            out.printf(Locale.ROOT, "%-20s %10s %11s %11s %10s %8s%n", t.name(), value(t.startupMillis()),
                    t.rssIdleKib() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", t.rssIdleKib() / 1024.0),
                    t.rssPeakKib() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", t.rssPeakKib() / 1024.0),
                    t.jarBytes() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", t.jarBytes() / 1048576.0), value(t.sourceLines()));
        }
        out.println();
        out.println("Note: " + results.environment().note());
        out.println("ratio: median req/s over the same run's ceiling (db: product-by-id query straight over JDBC; http: bare Netty /time).");
        for (String warning : results.warnings()) {
            out.println("WARNING: " + warning);
        }
        if (results.failed()) {
            out.println("FAILED: at least one measurement saw errors (non-2xx or socket errors); see the FAILED rows above.");
        }
    }

    private static String millis(Double micros) {
        return micros == null ? "" : String.format(Locale.ROOT, "%.2f", micros / 1000);
    }

    private static String value(long v) {
        return v < 0 ? "-" : String.valueOf(v);
    }
}
