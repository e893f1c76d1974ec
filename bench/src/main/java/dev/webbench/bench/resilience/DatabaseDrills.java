package dev.webbench.bench.resilience;

import dev.webbench.bench.model.ResilienceResults.Fault;
import dev.webbench.bench.model.ResilienceResults.Ledger;
import dev.webbench.bench.model.ResilienceResults.TargetResult;
import dev.webbench.bench.target.Target;
import dev.webbench.config.AppConfig;
import dev.webbench.conformance.DatabaseFaults;
import dev.webbench.conformance.FaultResult;
import dev.webbench.conformance.FaultTarget;
import dev.webbench.conformance.JarProcess;
import dev.webbench.conformance.MixedLoad;
import dev.webbench.conformance.SigtermUnderLoad;
import dev.webbench.conformance.WriteLedger;
import dev.webbench.provision.ControllablePostgres;
import dev.webbench.provision.ControllablePostgres.ShutdownMode;
import dev.webbench.provision.Postgres;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The kit's database faults ({@link DatabaseFaults}: restarts, killed sessions, a freeze, a read-only database, a full
 * connection table, rejected inserts, a start while down) and its SIGTERM under load, against a target the bench
 * started with its defaults. The kit runs each procedure and judges it by its own rules; this records the figures,
 * the write ledger first.
 */
final class DatabaseDrills {
    private final Postgres postgres;

    DatabaseDrills(Postgres postgres) {
        this.postgres = postgres;
    }

    List<Fault> faults(Target target, JarProcess process, PrintStream out) {
        if (!(postgres instanceof ControllablePostgres db)) {
            return List.of(new Fault("database-faults", 0, Map.of(), 0, null, null, true,
                    "skipped: the " + postgres.provider() + " database is not ours to stop, freeze or reconfigure"));
        }
        FaultTarget faultTarget = new FaultTarget(target.name(), process.uri(), db, applicationName(target), dbTimeout(target), null);
        DatabaseFaults faults = new DatabaseFaults(faultTarget);
        List<Fault> recorded = new ArrayList<>();
        recorded.add(record(out, "restart-fast", () -> faults.restart(ShutdownMode.FAST)));
        recorded.add(record(out, "restart-immediate", () -> faults.restart(ShutdownMode.IMMEDIATE)));
        recorded.add(record(out, "backend-kills", faults::backendKills));
        recorded.add(record(out, "freeze", faults::freeze));
        recorded.add(record(out, "read-only", faults::readOnly));
        recorded.add(record(out, "full-connection-table", faults::fullConnectionTable));
        recorded.add(record(out, "insert-errors", faults::insertErrors));
        recorded.add(record(out, "start-while-down", () -> faults.startWhileDown(target.jar(), target.env(), late -> { })));
        return recorded;
    }

    /** SIGTERM while clients GET and POST: every POST confirmed or refused, none cut off after its commit, a timely exit. */
    Fault shutdownUnderLoad(String target, JarProcess process) throws InterruptedException {
        SigtermUnderLoad run = SigtermUnderLoad.run(process, postgres);
        List<String> problems = run.problems();
        return new Fault(TargetResult.SHUTDOWN_UNDER_LOAD, run.answers().size(), statuses(run.answers()), unserved(run.answers()),
                run.answers().stream().mapToDouble(a -> a.took().toNanos() / 1e6).max().orElse(0), null, problems.isEmpty(),
                note(run.line(target), problems),
                ledger(run.ledger()));
    }

    private static Fault record(PrintStream out, String name, Supplier<FaultResult> fault) {
        out.printf("    database fault: %s%n", name);
        FaultResult result;
        try {
            result = fault.get();
        } catch (AssertionError | RuntimeException e) {
            return new Fault(name, 0, Map.of(), 0, null, null, false, "could not be run: " + firstLine(e.getMessage()));
        }
        List<String> problems = result.problems();
        return new Fault(name, result.answers().size(), statuses(result.answers()), unserved(result.answers()),
                (double) result.slowest().toMillis(), result.recovery() == null ? null : (double) result.recovery().toMillis(),
                problems.isEmpty(), note(result.note(), problems), ledger(result.ledger()));
    }

    private static Ledger ledger(WriteLedger.Report report) {
        return new Ledger(report.judged().size(), report.count(WriteLedger.Verdict.CONFIRMED), report.count(WriteLedger.Verdict.REFUSED),
                report.count(WriteLedger.Verdict.AMBIGUOUS), report.count(WriteLedger.Verdict.LOST), report.count(WriteLedger.Verdict.DUPLICATED),
                report.count(WriteLedger.Verdict.MISMATCHED) + report.count(WriteLedger.Verdict.WRITTEN_ON_ERROR));
    }

    /** The fault's own words, then how many rules it broke and the first one. */
    private static String note(String what, List<String> problems) {
        if (problems.isEmpty()) {
            return what;
        }
        return (what.isEmpty() ? "" : what + "; ") + problems.size() + " problem(s), first: " + firstLine(problems.getFirst());
    }

    private static String firstLine(String text) {
        return String.valueOf(text).lines().findFirst().orElse("");
    }

    /** Every implementation names its database sessions after its module (impl-servlet, ...), as its jar is named. */
    private static String applicationName(Target target) {
        return target.jar().getFileName().toString().replaceFirst("\\.jar$", "");
    }

    /** The bound the target was started with: its own {@code DB_TIMEOUT_MS} if the bench gave one, else the contract's default. */
    private static Duration dbTimeout(Target target) {
        String configured = target.env().get("DB_TIMEOUT_MS");
        return configured == null ? AppConfig.DEFAULT_DB_TIMEOUT : Duration.ofMillis(Long.parseLong(configured));
    }

    private static long unserved(List<MixedLoad.Answer> answers) {
        return answers.stream().filter(a -> !a.served()).count();
    }

    static Map<Integer, Long> statuses(List<MixedLoad.Answer> answers) {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }
}
