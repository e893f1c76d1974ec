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
     */
    public static final int SCHEMA_VERSION = 3;

    /**
     * One fault under load and what clients saw.
     *
     * @param maxLatencyMillis the slowest answer once the fault began; null when the drill could not measure it
     * @param recoveryMillis   from the end of the fault to full service; null when the drill was skipped or has no recovery
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fault(String name, long requests, Map<Integer, Long> statuses, long errors, Double maxLatencyMillis,
                        Double recoveryMillis, boolean passed, String note) {
        public Fault {
            maxLatencyMillis = Results.measured(maxLatencyMillis);
            recoveryMillis = Results.measured(recoveryMillis);
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
