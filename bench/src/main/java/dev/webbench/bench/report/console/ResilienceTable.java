package dev.webbench.bench.report.console;

import dev.webbench.bench.model.ResilienceResults;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console table at the end of {@code ./compare resilience}: one row per target, then each SIGTERM drill's note. */
public final class ResilienceTable {
    private ResilienceTable() {
    }

    public static void print(ResilienceResults report, PrintStream out) {
        out.println();
        out.printf("%-18s %-50s %12s %-44s %-18s %s%n", "target", "database faults", "stuck reader", "soak (RSS MB, threads)",
                "hostile cases", "verdict");
        for (ResilienceResults.TargetResult t : report.targets()) {
            Map<String, ResilienceResults.Fault> faults = new HashMap<>();
            t.faults().forEach(f -> faults.put(f.name(), f));
            ResilienceResults.Soak s = t.soak();
            out.printf(Locale.ROOT, "%-18s %-50s %12s %-44s %-18s %s%n", t.target(), databaseFaults(t, faults),
                    stuckReader(faults.get("slow-consumer")),
                    String.format(Locale.ROOT, "%s->%s (max %s), %d->%d, %+.0f KiB/min", mib(s.rssStartKib()), mib(s.rssEndKib()),
                            mib(s.rssMaxKib()), s.threadsStart(), s.threadsEnd(), s.rssGrowthKibPerMinute()),
                    hostile(t.hostile()), t.passed() ? "ok" : "FAILED: " + verdict(t));
        }
        out.println();
        out.println("database faults: the kit's, each under mixed load; POSTs lost / duplicated / ambiguous (acknowledgement lost), slowest answer,"
                + " longest recovery (older runs: restart and pool exhaustion, non-200 answers, slowest, recovery).");
        for (ResilienceResults.TargetResult t : report.targets()) {
            t.faults().stream().filter(f -> f.name().equals(ResilienceResults.TargetResult.SHUTDOWN_UNDER_LOAD)).findFirst()
                    .ifPresent(f -> out.printf("%-18s SIGTERM under POST load: %s%n", t.target(), f.note()));
        }
    }

    private static String hostile(ResilienceResults.Hostile h) {
        return h == null ? "-" : String.format(Locale.ROOT, "%d tried, %d failed", h.tried(), h.failed());
    }

    private static String verdict(ResilienceResults.TargetResult t) {
        List<String> reasons = new ArrayList<>();
        t.faults().stream().filter(f -> !f.passed()).forEach(f -> reasons.add(f.name() + " (" + f.note() + ")"));
        if (t.hostile() != null && !t.hostile().passed()) {
            reasons.add(t.hostile().failed() + " hostile case(s) failed, " + t.hostile().skipped() + " skipped");
        }
        if (t.soak().leakSuspected()) {
            reasons.add("memory keeps growing");
        }
        if (reasons.isEmpty()) {
            reasons.add("errors during the soak " + t.soak().statuses());
        }
        return String.join(", ", reasons);
    }

    private static String stuckReader(ResilienceResults.Fault f) {
        return f == null || f.maxLatencyMillis() == null ? "-" : String.format(Locale.ROOT, "%.0f ms", f.maxLatencyMillis());
    }

    private static String mib(Long kib) {
        return kib == null ? "-" : String.format(Locale.ROOT, "%.0f", kib / 1024.0);
    }

    private static String databaseFaults(ResilienceResults.TargetResult t, Map<String, ResilienceResults.Fault> byName) {
        List<ResilienceResults.Fault> ledgered = t.ledgeredDatabaseFaults();
        if (ledgered.isEmpty()) {
            ResilienceResults.Fault skipped = byName.get("database-faults");
            return skipped != null ? "skipped" : fault(byName.get("database-restart")) + " / " + fault(byName.get("pool-exhaustion"));
        }
        ResilienceResults.Ledger sum = t.databaseLedger();
        double slowest = ledgered.stream().map(ResilienceResults.Fault::maxLatencyMillis).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        double recovery = ledgered.stream().map(ResilienceResults.Fault::recoveryMillis).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, "%d: %d/%d/%d of %d POSTs, max %.0f ms, back %.0f ms", ledgered.size(), sum.lost(), sum.duplicated(),
                sum.ambiguous(), sum.posts(), slowest, recovery);
    }

    private static String fault(ResilienceResults.Fault f) {
        if (f == null || f.recoveryMillis() == null) {
            return f == null ? "-" : "skipped";
        }
        return String.format(Locale.ROOT, "%d err, max %.0f ms, back %.0f ms", f.errors(), f.maxLatencyMillis(), f.recoveryMillis());
    }
}
