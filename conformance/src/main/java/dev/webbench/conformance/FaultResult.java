package dev.webbench.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
public record FaultResult(String fault, String target, Rules rules, Duration bound, long faultStartNanos, long faultEndNanos,
        List<Window> moments, int sessionsKilled, List<MixedLoad.Answer> answers, WriteLedger.Report ledger, Duration recovery, String note) {

    /**
     * What a fault allows, and what shows that it took effect: the rules {@link #problems()} applies, so that the kit's
     * tests and the bench's drills judge a fault alike.
     *
     * @param get the statuses a GET may get at any time of the run
     * @param post the statuses a POST may get
     * @param shows an answer that shows the fault took effect; one must come while it lasts
     * @param acknowledgementsMayBeLost whether the fault can cut a commit from its acknowledgement (a stop, a kill, a
     *     freeze); if not, no POST may be ambiguous
     * @param killsSessions whether the fault works by terminating the server's sessions (then it must have found some)
     * @param wrong an answer this fault forbids beyond the statuses (e.g. a rejected name answered otherwise than 500)
     */
    public record Rules(Set<Integer> get, Set<Integer> post, Predicate<MixedLoad.Answer> shows, boolean acknowledgementsMayBeLost,
            boolean killsSessions, Predicate<MixedLoad.Answer> wrong) {
        private static final Set<Integer> GET_DURING_OUTAGE = Set.of(200, 503);
        private static final Set<Integer> POST_DURING_OUTAGE = Set.of(201, 503);

        /** The database gone or stuck (a restart, a freeze, a start while down): 200/201 or 503, and some 503 meanwhile. */
        public static final Rules OUTAGE = new Rules(GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> a.status() == 503, true, false, a -> false);
        /** The server's sessions killed under it: the same statuses; any answer during the kills shows them. */
        public static final Rules SESSIONS_KILLED = new Rules(GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> true, true, true, a -> false);
        /** No free session slot (53300) after the server's sessions were killed: 503, not 500. */
        public static final Rules FULL_CONNECTION_TABLE = new Rules(GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> a.status() == 503, true, true,
                a -> false);
        /** A read-only database (25006): POSTs get 503, not 500, and no commit can be lost. */
        public static final Rules READ_ONLY = new Rules(GET_DURING_OUTAGE, POST_DURING_OUTAGE,
                a -> a.method().equals("POST") && a.status() == 503, false, false, a -> false);

        /** Inserts the database rejects (23514, 2200H): a JSON 500 for each, never for a GET, and no commit can be lost. */
        public static Rules insertErrors(String rejectedNameMarker) {
            return new Rules(Set.of(200), Set.of(201, 500), a -> a.method().equals("POST") && a.status() == 500, false, false,
                    a -> a.method().equals("POST") && a.target().contains(rejectedNameMarker) && a.status() != 500);
        }
    }

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

    /**
     * Everything this run did that its {@link #rules} forbid, one line each (times from the fault's start): statuses
     * not allowed, answers slower than the bound, errors that are not the contract's JSON, ledger violations,
     * acknowledgements lost where none could be, a fault that never showed, service not clean again in time.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        answers.stream().filter(a -> !(a.method().equals("POST") ? rules.post() : rules.get()).contains(a.status()))
                .forEach(a -> problems.add("status not allowed (GET " + rules.get() + ", POST " + rules.post() + "): " + a.describe(faultStartNanos)));
        answers.stream().filter(rules.wrong()).forEach(a -> problems.add("answer this fault forbids: " + a.describe(faultStartNanos)));
        slowerThanBound().forEach(a -> problems.add("slower than " + bound.toMillis() + " ms: " + a.describe(faultStartNanos)));
        answers.stream().filter(a -> a.status() >= 400 && !Checks.isJsonError(a.body()))
                .forEach(a -> problems.add("an error that is not {\"error\": \"...\"} JSON: " + a.describe(faultStartNanos)));
        ledger.violations().forEach(j -> problems.add("ledger: " + j.describe(faultStartNanos)));
        List<WriteLedger.Judged> needlessAmbiguity = rules.acknowledgementsMayBeLost() ? ambiguousOutsideMoments() : ledger.ambiguous();
        needlessAmbiguity.forEach(j -> problems.add("ledger: acknowledgement lost where the fault could not cut one: " + j.describe(faultStartNanos)));
        if (rules.killsSessions() && sessionsKilled == 0) {
            problems.add("the kit found none of the server's sessions to kill (is its application_name right?)");
        }
        if (duringFault().stream().noneMatch(rules.shows())) {
            problems.add("the fault was not seen: no answer during it showed it (statuses meanwhile " + duringFault().stream()
                    .collect(Collectors.groupingBy(a -> a.method() + " " + a.status(), TreeMap::new, Collectors.counting())) + ")");
        }
        if (recovery == null) {
            problems.add("service not clean again (" + DatabaseFaults.CLEAN_STREAK + " answers 200/201 in a row) within "
                    + DatabaseFaults.RECOVERY_BOUND.toSeconds() + " s of the database serving again");
        }
        return problems;
    }

    /** The {@code [kit]} line the build prints and the bench quotes. */
    public String line() {
        return String.format("[kit] %s: %s: %s; slowest %d ms (bound %d ms); %s (at most %d in flight at a fault moment); recovery %s%s",
                target, fault, statuses(), slowest().toMillis(), bound.toMillis(), ledger.summary(), postsInFlightAtMoments(),
                recovery == null ? "NOT within the bound" : recovery.toMillis() + " ms", note.isEmpty() ? "" : "; " + note);
    }
}
