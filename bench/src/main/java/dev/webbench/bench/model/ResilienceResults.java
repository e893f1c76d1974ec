package dev.webbench.bench.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./compare resilience} measured: {@code resilience.json} in its run folder. As in {@link Results}, what
 * was not measured is absent on disk and null here; files before schema 3 wrote -1 for it and read as null.
 */
public record ResilienceResults(int schemaVersion, String startedAt, String finishedAt, boolean failed, String postgresProvider,
                                int soakSeconds, List<TargetResult> targets) {
    public static final String FILE = "resilience.json";
    /**
     * 2: each target records the kit's hostile groups ({@code hostile}); schema 1 runs still render, without them.
     * 3: what was not measured is left out instead of written as -1.
     * 4: the database drills are the kit's faults (restarts, session kills, a freeze, a read-only database, a full
     * connection table, insert errors, a start while down), each with its write {@link Ledger}.
     */
    public static final int SCHEMA_VERSION = 4;

    /**
     * One fault under load and what clients saw.
     *
     * @param maxLatencyMillis the slowest answer once the fault began; null when the drill could not measure it
     * @param recoveryMillis   from the end of the fault to full service; null when the drill was skipped or has no recovery
     * @param ledger           what became of every POST, for the drills that write (schema 4); null for the others
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fault(String name, long requests, Map<Integer, Long> statuses, long errors, Double maxLatencyMillis,
                        Double recoveryMillis, boolean passed, String note, Ledger ledger) {
        public Fault {
            maxLatencyMillis = Results.measured(maxLatencyMillis);
            recoveryMillis = Results.measured(recoveryMillis);
        }

        /** A drill that writes nothing. */
        public Fault(String name, long requests, Map<Integer, Long> statuses, long errors, Double maxLatencyMillis, Double recoveryMillis,
                     boolean passed, String note) {
            this(name, requests, statuses, errors, maxLatencyMillis, recoveryMillis, passed, note, null);
        }
    }

    /**
     * The kit's write ledger for one drill: every POST carried a name of its own, and the table said what it did.
     *
     * @param confirmed  201 and exactly its row
     * @param refused    an error or no answer, and no row
     * @param ambiguous  503 or no answer, yet its row exists: the commit happened, its acknowledgement was lost
     * @param lost       201 and no row
     * @param duplicated more than one row for one request
     * @param wrong      a row unlike the 201's answer, or a row written although the answer was a definite error
     */
    public record Ledger(long posts, long confirmed, long refused, long ambiguous, long lost, long duplicated, long wrong) {
        /** Nothing acknowledged was lost, nothing written twice or on an error. Ambiguous outcomes are allowed, and counted. */
        public boolean intact() {
            return lost == 0 && duplicated == 0 && wrong == 0;
        }

        public Ledger plus(Ledger other) {
            return new Ledger(posts + other.posts, confirmed + other.confirmed, refused + other.refused, ambiguous + other.ambiguous,
                    lost + other.lost, duplicated + other.duplicated, wrong + other.wrong);
        }
    }

    public record Sample(double atSeconds, long rssKib, int threads) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Soak(double seconds, long requests, Map<Integer, Long> statuses, Long rssStartKib, Long rssEndKib, Long rssMaxKib,
                       int threadsStart, int threadsEnd, int threadsMax, double rssGrowthKibPerMinute, boolean leakSuspected,
                       List<Sample> samples) {
        public Soak {
            rssStartKib = Results.measured(rssStartKib);
            rssEndKib = Results.measured(rssEndKib);
            rssMaxKib = Results.measured(rssMaxKib);
        }

        /** Only 200s and 201s: the server kept serving the mixed load. */
        public boolean clean() {
            return statuses.keySet().stream().allMatch(s -> s == 200 || s == 201);
        }
    }

    /**
     * The kit's hostile groups ({@code HostileKit}: the HTTP/1.1 and WebSocket corpora, floods, slow clients) run
     * against the target: how many cases were tried, and each failure with its reason. The kit asserts; this records.
     */
    public record Hostile(int tried, int failed, int skipped, List<String> failures) {
        public boolean passed() {
            return failed == 0 && skipped == 0;
        }
    }

    /** One target's drills; {@code hostile} is null in runs recorded before the hostile groups existed (schema 1). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetResult(String target, List<Fault> faults, Soak soak, Hostile hostile, boolean passed) {
        /** The name of the SIGTERM drill, which keeps a ledger too but is not a database fault. */
        public static final String SHUTDOWN_UNDER_LOAD = "shutdown-under-load";

        /** The database faults that kept a write ledger (schema 4 on); empty for older runs. */
        public List<Fault> ledgeredDatabaseFaults() {
            return faults.stream().filter(f -> f.ledger() != null && !f.name().equals(SHUTDOWN_UNDER_LOAD)).toList();
        }

        /** Their ledgers summed up. */
        public Ledger databaseLedger() {
            return ledgeredDatabaseFaults().stream().map(Fault::ledger).reduce(new Ledger(0, 0, 0, 0, 0, 0, 0), Ledger::plus);
        }

        /** Passed when every fault passed, the soak neither leaked nor saw an error, and every hostile case passed. */
        public static TargetResult judged(String target, List<Fault> faults, Soak soak, Hostile hostile) {
            return new TargetResult(target, faults, soak, hostile, faults.stream().allMatch(Fault::passed) && !soak.leakSuspected() && hostile.passed()
                    && soak.clean());
        }
    }

    public void write(Path file) {
        try {
            Results.JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static ResilienceResults read(Path file) {
        try {
            return Results.JSON.readValue(file.toFile(), ResilienceResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
