package dev.webbench.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one database fault did to a server under load: every answer, the ledger's verdicts, and how long service
 * took to come back. The kit asserts on it ({@link DatabaseFaultContract}); the bench records it.
 *
 * @param fault the fault's name, e.g. {@code restart-immediate}
 * @param target the server's name
 * @param bound the bound every answer must meet (2 x {@code DB_TIMEOUT_MS} + slack)
 * @param faultStartNanos when the fault was inflicted
 * @param faultEndNanos when the database could serve again (restarted, thawed, setting reverted)
 * @param moments the windows in which a commit's acknowledgement could be lost (a shutdown, a backend kill, a
 *     freeze): an ambiguous POST must have been in flight during one of them
 * @param sessionsKilled the server's database sessions the fault terminated (backend kills, a full table)
 * @param answers every answer of the load, GETs and POSTs
 * @param ledger the verdict on every POST
 * @param recovery from {@code faultEndNanos} to the end of the last answer that was not 200/201, once service was
 *     clean again; null when it was not clean again within the recovery bound
 * @param note what the fault did, in the procedure's words (e.g. how many backends it killed)
 */
public record FaultResult(String fault, String target, Duration bound, long faultStartNanos, long faultEndNanos,
        List<Window> moments, int sessionsKilled, List<MixedLoad.Answer> answers, WriteLedger.Report ledger, Duration recovery, String note) {

    /** A span of time, in {@link System#nanoTime()}. */
    public record Window(long fromNanos, long toNanos) {
    }

    /** Counts by "METHOD status", e.g. {@code POST 503}. */
    public Map<String, Long> statuses() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.method() + " " + a.status(), 1L, Long::sum));
        return counts;
    }

    public Duration slowest() {
        return answers.stream().map(MixedLoad.Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    public List<MixedLoad.Answer> slowerThanBound() {
        return answers.stream().filter(a -> a.took().compareTo(bound) > 0).toList();
    }

    /** Answers sent or answered between the fault's start and its end. */
    public List<MixedLoad.Answer> duringFault() {
        return answers.stream().filter(a -> a.startedNanos() <= faultEndNanos && a.endedNanos() >= faultStartNanos).toList();
    }

    /** POSTs in flight during one of the {@link #moments}: the most that may be ambiguous. */
    public long postsInFlightAtMoments() {
        return ledger.judged().stream().filter(j -> atAMoment(j.entry())).count();
    }

    /** Ambiguous POSTs that were in flight at none of the {@link #moments}: their acknowledgement was lost for no reason. */
    public List<WriteLedger.Judged> ambiguousOutsideMoments() {
        return ledger.ambiguous().stream().filter(j -> !atAMoment(j.entry())).toList();
    }

    private boolean atAMoment(WriteLedger.Entry entry) {
        return moments.stream().anyMatch(m -> entry.overlaps(m.fromNanos(), m.toNanos()));
    }

    /** The {@code [kit]} line the build prints and the bench quotes. */
    public String line() {
        return String.format("[kit] %s: %s: %s; slowest %d ms (bound %d ms); %s (at most %d in flight at a fault moment); recovery %s%s",
                target, fault, statuses(), slowest().toMillis(), bound.toMillis(), ledger.summary(), postsInFlightAtMoments(),
                recovery == null ? "NOT within the bound" : recovery.toMillis() + " ms", note.isEmpty() ? "" : "; " + note);
    }
}
