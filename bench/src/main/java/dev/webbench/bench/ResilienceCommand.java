package dev.webbench.bench;

import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./compare resilience}: every target through the load-bearing faults and a soak, with figures. */
@Command(name = "resilience", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs each implementation through a database restart and a pool exhaustion under load, a stuck WebSocket "
                + "reader among 100 listeners, a soak that samples RSS and threads (a leak shows as growth), and the conformance "
                + "kit's hostile groups (protocol corpora, floods, slow clients; each case in logs/<target>-hostile.txt). Writes "
                + "reports/runs/<UTC time>-resilience/resilience.json. Exit status 1 when any target failed a drill.")
final class ResilienceCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Short soak (20 s) for a smoke run.")
    boolean quick;

    @Option(names = "--impl", split = ",", paramLabel = "NAME", description = "Implementations to run (default: every impl-* found).")
    List<String> implementations = new ArrayList<>();

    @Option(names = "--soak", paramLabel = "SECONDS", description = "Soak length per target (default 600; quick 20).")
    Integer soakSeconds;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default reports/runs/<UTC time>-resilience).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Path root = Compare.repoRoot();
        List<Target> targets = Targets.implementations(root, implementations);
        Duration soak = Duration.ofSeconds(soakSeconds != null ? soakSeconds : quick ? 20 : 600);
        Path runDir = out != null ? out.toAbsolutePath() : root.resolve("reports/runs").resolve(
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + "-resilience");
        Compare.mkdirs(runDir);
        String startedAt = Instant.now().toString();
        List<ResilienceDrills.TargetResult> results = new ArrayList<>();
        String provider;
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            provider = postgres.provider();
            PostgresProvisioner.seed(postgres);
            ResilienceDrills drills = new ResilienceDrills(postgres);
            int index = 0;
            for (Target target : targets) {
                console.printf("[%d/%d] %s%n", ++index, targets.size(), target.name());
                try (ServerProcess process = ServerProcess.start(target, postgres.settings(), null,
                        ServerProcess.newLog(runDir.resolve("logs"), target.name()))) {
                    results.add(drills.run(target, process, soak, runDir.resolve("logs").resolve(target.name() + "-hostile.txt"), console));
                }
                BenchRun.resetCreatedRows(postgres);
            }
        }
        boolean failed = results.stream().anyMatch(r -> !r.passed());
        ResilienceResults report = new ResilienceResults(ResilienceResults.SCHEMA_VERSION, startedAt, Instant.now().toString(), failed, provider, (int) soak.toSeconds(), results);
        report.write(runDir.resolve(ResilienceResults.FILE));
        print(report, console);
        console.println("Wrote " + runDir.resolve(ResilienceResults.FILE));
        dev.webbench.bench.report.RunReport.render(runDir).forEach(file -> console.println("Wrote " + file));
        return failed ? 1 : 0;
    }

    static void print(ResilienceResults report, PrintStream out) {
        out.println();
        out.printf("%-18s %-33s %-33s %12s %-44s %-18s %s%n", "target", "db restart", "pool exhaustion", "stuck reader", "soak (RSS MB, threads)",
                "hostile cases", "verdict");
        for (ResilienceDrills.TargetResult t : report.targets()) {
            Map<String, ResilienceDrills.Fault> faults = new java.util.HashMap<>();
            t.faults().forEach(f -> faults.put(f.name(), f));
            ResilienceDrills.Soak s = t.soak();
            out.printf(Locale.ROOT, "%-18s %-33s %-33s %12s %-44s %-18s %s%n", t.target(),
                    fault(faults.get("database-restart")), fault(faults.get("pool-exhaustion")),
                    String.format(Locale.ROOT, "%.0f ms", faults.get("slow-consumer").maxLatencyMillis()),
                    String.format(Locale.ROOT, "%.0f->%.0f (max %.0f), %d->%d, %+.0f KiB/min", s.rssStartKib() / 1024.0, s.rssEndKib() / 1024.0,
                            s.rssMaxKib() / 1024.0, s.threadsStart(), s.threadsEnd(), s.rssGrowthKibPerMinute()),
                    hostile(t.hostile()), t.passed() ? "ok" : "FAILED: " + verdict(t));
        }
        out.println();
        out.println("db restart / pool exhaustion: non-200 answers during the fault, slowest answer, and time to full service after it ended.");
        for (ResilienceDrills.TargetResult t : report.targets()) {
            t.faults().stream().filter(f -> f.name().equals("shutdown-under-load")).findFirst()
                    .ifPresent(f -> out.printf("%-18s SIGTERM under POST load: %s%n", t.target(), f.note()));
        }
    }

    private static String hostile(ResilienceDrills.Hostile h) {
        return h == null ? "-" : String.format(Locale.ROOT, "%d tried, %d failed", h.tried(), h.failed());
    }

    private static String verdict(ResilienceDrills.TargetResult t) {
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

    private static String fault(ResilienceDrills.Fault f) {
        if (f == null || f.recoveryMillis() < 0) {
            return f == null ? "-" : "skipped";
        }
        return String.format(Locale.ROOT, "%d err, max %.0f ms, back %.0f ms", f.errors(), f.maxLatencyMillis(), f.recoveryMillis());
    }
}
