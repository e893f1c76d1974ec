package dev.webbench.conformance;

import dev.webbench.provision.Postgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGTERM while 16 clients send a mixed load of GETs and ledger POSTs: the procedure behind the kit's check and the
 * bench's drill. A graceful shutdown finishes what it accepted, so every POST is either confirmed (201 and its row) or
 * refused (no row); a row whose answer never came is a response cut off.
 *
 * @param answers every answer of the load
 * @param ledger the verdict on every POST
 * @param terminatedNanos when SIGTERM was sent
 * @param exitCode the process's exit status, or null when it did not exit within the bound
 * @param stopped from SIGTERM to the exit, or to giving up
 */
public record SigtermUnderLoad(List<MixedLoad.Answer> answers, WriteLedger.Report ledger, long terminatedNanos, Integer exitCode, Duration stopped) {
    private static final int CLIENTS = 16;
    private static final Duration LOAD_BEFORE = Duration.ofMillis(1500);

    /** Loads {@code process} (a server over {@code db}), sends SIGTERM, waits up to {@link ShutdownContract#EXIT_BOUND} for it to exit. */
    public static SigtermUnderLoad run(JarProcess process, Postgres db) throws InterruptedException {
        WriteLedger ledger = new WriteLedger("sigterm");
        List<MixedLoad.Answer> answers;
        long terminated;
        Integer exit;
        try (MixedLoad load = new MixedLoad(process.uri(), CLIENTS, ledger, ledger::nextName, Duration.ofSeconds(30))) {
            JarProcess.sleep(LOAD_BEFORE.toMillis());
            terminated = System.nanoTime();
            process.terminate();
            try {
                exit = process.awaitExit(ShutdownContract.EXIT_BOUND);
            } catch (AssertionError stillRunning) {
                exit = null; // the caller's close() kills it
            }
            load.close();
            answers = load.answers();
        }
        Duration stopped = Duration.ofNanos(System.nanoTime() - terminated);
        return new SigtermUnderLoad(answers, ledger.classify(db), terminated, exit, stopped);
    }

    /** What the contract forbids here, one line each (times from SIGTERM); empty when the shutdown lost and cut nothing. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (exitCode == null || (exitCode != 0 && exitCode != 143)) {
            problems.add(exitCode == null ? "no exit within " + ShutdownContract.EXIT_BOUND.toSeconds() + " s of SIGTERM"
                    : "exit status " + exitCode + " (0 or 143 expected)");
        }
        if (ledger.count(WriteLedger.Verdict.CONFIRMED) == 0) {
            problems.add("no POST was created before SIGTERM: the load never reached the server");
        }
        // A refused connection after the listener closed is no answer (status -1), not a wrong one.
        answers.stream().filter(a -> a.status() >= 0 && !a.served() && a.status() != 503)
                .forEach(a -> problems.add("answer other than 200/201/503: " + a.describe(terminatedNanos)));
        ledger.violations().forEach(j -> problems.add("ledger: " + j.describe(terminatedNanos)));
        ledger.ambiguous().forEach(j -> problems.add("ledger: row written but its answer cut off or never sent: " + j.describe(terminatedNanos)));
        return problems;
    }

    public String line(String target) {
        return String.format("[kit] %s: SIGTERM under mixed load: %s; %s after %d ms", target, ledger.summary(),
                exitCode == null ? "still running" : "exit " + exitCode, stopped.toMillis());
    }
}
