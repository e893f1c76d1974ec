package dev.webbench.bench.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one run produced: {@code results.json}, described by {@code results.schema.json}
 * (bench/src/main/resources). Field names are snake_case on disk.
 *
 * <p>A quantity that was not measured is absent from the file and null here. Files written before schema 3 said
 * so with -1; their records read such values as null, so every reader has one case to handle.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Results(int schemaVersion, String runId, String startedAt, String finishedAt, boolean failed, List<String> warnings,
                      Settings settings, EnvironmentInfo environment, List<TargetInfo> targets, List<Measurement> measurements,
                      List<Summary> summaries, Latency latency) {
    /**
     * 2 added {@code latency}: Gatling ladders and the WebSocket counter under load. 3 leaves out what was not
     * measured instead of writing -1. Files of versions 1 and 2 still read.
     */
    public static final int SCHEMA_VERSION = 3;
    /** The bare HTTP server's target name: the HTTP stack's own ceiling on this machine. */
    public static final String HTTP_CEILING = "http-ceiling";
    /** The database ceiling's target name: product-by-id straight over JDBC, no HTTP. */
    public static final String DB_CEILING = "db-ceiling";

    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public record Settings(String mode, List<String> scenarios, int durationSeconds, int connections, int wrkThreads, int repetitions,
                           int primerSeconds, int warmupSeconds, List<Integer> sweepConnections, List<String> jvmFlags,
                           String serverCpus, String loadCpus, int dbCeilingConnections) {
    }

    public record EnvironmentInfo(String cpuModel, int cores, long memoryMib, String kernel, String os, String jdk, String gitCommit,
                                  boolean gitDirty, String postgresVersion, String postgresProvider, String wrkVersion,
                                  double loadAverageAtStart, String note) {
    }

    /** Null where not measured: an external target has no jar, no startup and no RSS the bench can read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetInfo(String name, String kind, String threadModel, String url, String jar, Long jarBytes, Long sourceLines,
                             Long startupMillis, Long rssIdleKib, Long rssPeakKib) {
        public TargetInfo {
            jarBytes = measured(jarBytes);
            sourceLines = measured(sourceLines);
            startupMillis = measured(startupMillis);
            rssIdleKib = measured(rssIdleKib);
            rssPeakKib = measured(rssPeakKib);
        }

        public TargetInfo withPeakRss(Long peakKib) {
            return new TargetInfo(name, kind, threadModel, url, jar, jarBytes, sourceLines, startupMillis, rssIdleKib, peakKib);
        }
    }

    /** wrk's socket errors and non-2xx/3xx answers, or a JDBC loop's failed queries (in {@code status}). */
    public record Errors(long connect, long read, long write, long status, long timeout) {
        public static final Errors NONE = new Errors(0, 0, 0, 0, 0);

        public long total() {
            return connect + read + write + status + timeout;
        }
    }

    /** wrk's latency distribution in microseconds. */
    public record WrkLatency(long min, double mean, double stdev, long max, long p50, long p75, long p90, long p99, long p999) {
    }

    /**
     * One repetition of one workload on one target.
     *
     * @param serverCpuSeconds     the server's user + system CPU over the repetition; null for a target the bench did not start
     * @param requestsPerCpuSecond null where the server's CPU was not measured
     * @param loadCpuSeconds       the load generator's CPU; null where the shell's {@code times} printed nothing
     * @param rawFile              the tool's output, relative to the run folder; null for the JDBC loop
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurement(String target, String workload, String scenario, int connections, int repetition, int order, String tool,
                              double durationSeconds, long requests, double requestsPerSecond, long bytes, Errors errors,
                              WrkLatency latencyMicros, Double serverCpuSeconds, Double requestsPerCpuSecond,
                              Double loadCpuSeconds, String rawFile, boolean ok) {
        public Measurement {
            Objects.requireNonNull(errors, "errors");
            serverCpuSeconds = measured(serverCpuSeconds);
            requestsPerCpuSecond = measured(requestsPerCpuSecond);
            loadCpuSeconds = measured(loadCpuSeconds);
        }

        /** Where the measurement took place; the figures follow on the builder. */
        public static Builder of(String target, String workload, String scenario, int connections, int repetition, int order,
                                 String tool) {
            return new Builder(new Place(target, workload, scenario, connections, repetition, order, tool));
        }

        /** What a measurement is of: the fields that identify it in a run. */
        private record Place(String target, String workload, String scenario, int connections, int repetition, int order, String tool) {
        }

        /** A copy to change a few figures of (the tests' fixtures scale and break measurements). */
        public Builder toBuilder() {
            return of(target, workload, scenario, connections, repetition, order, tool).durationSeconds(durationSeconds)
                    .requests(requests).requestsPerSecond(requestsPerSecond).bytes(bytes).errors(errors).latencyMicros(latencyMicros)
                    .serverCpuSeconds(serverCpuSeconds).requestsPerCpuSecond(requestsPerCpuSecond).loadCpuSeconds(loadCpuSeconds)
                    .rawFile(rawFile).ok(ok);
        }

        /** Starts with nothing counted, no errors and nothing else measured. */
        public static final class Builder {
            private final Place place;
            private double durationSeconds;
            private long requests;
            private double requestsPerSecond;
            private long bytes;
            private Errors errors = Errors.NONE;
            private WrkLatency latencyMicros;
            private Double serverCpuSeconds;
            private Double requestsPerCpuSecond;
            private Double loadCpuSeconds;
            private String rawFile;
            private boolean ok;

            private Builder(Place place) {
                this.place = place;
            }

            public Builder durationSeconds(double seconds) {
                this.durationSeconds = seconds;
                return this;
            }

            public Builder requests(long requests) {
                this.requests = requests;
                return this;
            }

            public Builder requestsPerSecond(double rate) {
                this.requestsPerSecond = rate;
                return this;
            }

            public Builder bytes(long bytes) {
                this.bytes = bytes;
                return this;
            }

            public Builder errors(Errors errors) {
                this.errors = errors;
                return this;
            }

            public Builder latencyMicros(WrkLatency latency) {
                this.latencyMicros = latency;
                return this;
            }

            public Builder serverCpuSeconds(Double seconds) {
                this.serverCpuSeconds = seconds;
                return this;
            }

            public Builder requestsPerCpuSecond(Double rate) {
                this.requestsPerCpuSecond = rate;
                return this;
            }

            public Builder loadCpuSeconds(Double seconds) {
                this.loadCpuSeconds = seconds;
                return this;
            }

            public Builder rawFile(String rawFile) {
                this.rawFile = rawFile;
                return this;
            }

            public Builder ok(boolean ok) {
                this.ok = ok;
                return this;
            }

            public Measurement build() {
                return new Measurement(place.target(), place.workload(), place.scenario(), place.connections(), place.repetition(),
                        place.order(), place.tool(), durationSeconds, requests, requestsPerSecond, bytes, errors, latencyMicros,
                        serverCpuSeconds, requestsPerCpuSecond, loadCpuSeconds, rawFile, ok);
            }
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String target, String workload, String scenario, int connections, Stats requestsPerSecond, boolean noisy,
                          boolean failed, long errors, Double latencyP50MicrosMedian, Double latencyP99MicrosMedian,
                          Double requestsPerCpuSecondMedian, Double ratioToHttpCeiling, Double ratioToDbCeiling) {

        public Summary withRatios(Double toHttpCeiling, Double toDbCeiling) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, noisy, failed, errors, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, toHttpCeiling, toDbCeiling);
        }
    }

    /**
     * What wrk cannot measure honestly: latency at fixed arrival rates (Gatling's open model) and the WebSocket
     * counter under a connection ramp.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Latency(LatencySettings settings, List<Ladder> ladders, List<WebSocketRun> websockets) {
    }

    public record LatencySettings(String generator, double sloMillis, List<Double> fractionsOfPeak, List<Double> extraRates,
                                  int warmupSeconds, int stepSeconds, List<Integer> websocketClients, int websocketRampSeconds,
                                  int broadcastRounds) {
    }

    /**
     * One target's ladder on one endpoint.
     *
     * @param endpoint              a scenario id, or {@link #MIXED}
     * @param peakRequestsPerSecond the wrk median this run measured for the target and endpoint, the base of the fractions
     * @param maxRateWithinSlo      the highest rate at which this and every lower step kept p99 within the SLO with no
     *                              error and the generator kept the rate; null when even the lowest step missed
     * @param consistent            false when a step passed above one that missed: the machine was noisy
     * @param report                Gatling's HTML report, relative to the run folder
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ladder(String target, String endpoint, Double peakRequestsPerSecond, List<LadderStep> steps, Double maxRateWithinSlo,
                         boolean consistent, boolean failed, String report, String problem) {
        /** The endpoint of the mixed ladder: 70% product-by-id, 20% brands, 10% create. */
        public static final String MIXED = "mixed";

        /** True when the headline stopped at a step the generator could not drive: the server may do better. */
        public boolean generatorBound() {
            for (LadderStep step : steps) {
                if (!step.withinSlo()) {
                    return step.generatorLimited();
                }
            }
            return false;
        }

        /** This ladder, failed for {@code why} (e.g. the server died under it). */
        public Ladder failedBecause(String why) {
            return new Ladder(target, endpoint, peakRequestsPerSecond, steps, maxRateWithinSlo, consistent, true, report,
                    problem == null ? why : problem + "; " + why);
        }
    }

    /**
     * One fixed-rate step. Gatling records whole milliseconds.
     *
     * @param arrivalRate      users actually started per second, from the first and last start of the step
     * @param generatorLimited the generator started users more than 5% slower than asked: the step says nothing
     *                         about the server at this rate
     * @param abandoned        the step was stopped (or, after such a step, not run) because the target fell over a
     *                         second's worth of requests behind: beyond capacity, and no use loading it further
     * @param machineCpuBusy   the share of the machine's CPU time busy (all processes) while the step's users started,
     *                         from /proc/stat; near 1 the p99 includes generator, server and database queueing for CPU
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LadderStep(double rate, Double fractionOfPeak, long requests, long errors, double arrivalRate, boolean generatorLimited,
                             Percentiles latencyMillis, boolean withinSlo, boolean abandoned, Double machineCpuBusy) {
        /** Above this share of busy CPU the machine itself was the bottleneck during the step. */
        public static final double SATURATED = 0.9;
        /** A step whose users started more than this much slower than asked measured a lower rate than its label. */
        public static final double MIN_ARRIVAL_SHARE = 0.95;

        public boolean machineSaturated() {
            return machineCpuBusy != null && machineCpuBusy > SATURATED;
        }
    }

    /** A latency distribution; the unit is in the name of the field holding it. */
    public record Percentiles(long count, double p50, double p90, double p99, double p999, double max, double mean) {
    }

    /** The counter with {@code clients} connected: what Gatling saw under the ramp, then what the probe measured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebSocketRun(String target, int clients, int rampSeconds, boolean failed, List<String> problems,
                               Percentiles gatlingConnectMillis, Percentiles gatlingSeesAllMillis, Long gatlingErrors,
                               boolean gatlingAssertionsPassed, String report, Percentiles connectMicros, Percentiles firstCountMicros,
                               int broadcastRounds, Percentiles deliveryEachMicros, Percentiles deliveryAllMicros,
                               long sequenceViolations, Memory memory) {
        public WebSocketRun {
            gatlingErrors = measured(gatlingErrors);
        }

        /** A run with its figures; it failed when there are problems. */
        public static WebSocketRun of(String target, int clients, int rampSeconds, List<String> problems, GatlingFigures gatling,
                                      ProbeFigures probe) {
            return new WebSocketRun(target, clients, rampSeconds, !problems.isEmpty(), List.copyOf(problems), gatling.connectMillis(),
                    gatling.seesAllMillis(), gatling.errors(), gatling.assertionsPassed(), gatling.report(), probe.connectMicros(),
                    probe.firstCountMicros(), probe.broadcastRounds(), probe.deliveryEachMicros(), probe.deliveryAllMicros(),
                    probe.sequenceViolations(), probe.memory());
        }

        /** A run that could not take place, failed for {@code why}. */
        public static WebSocketRun notMeasured(String target, int clients, int rampSeconds, String why) {
            return of(target, clients, rampSeconds, List.of(why), GatlingFigures.NONE, ProbeFigures.NONE);
        }

    }

    /**
     * Gatling's ramp and checks, whole milliseconds.
     *
     * @param errors Gatling's failed requests (KO); null when it produced no statistics
     * @param report Gatling's HTML report, relative to the run folder
     */
    public record GatlingFigures(Percentiles connectMillis, Percentiles seesAllMillis, Long errors, boolean assertionsPassed,
                                 String report) {
        public static final GatlingFigures NONE = new GatlingFigures(null, null, null, false, null);
    }

    /** The purpose-built probe's connect and broadcast timings (microseconds, HdrHistogram) and memory per idle connection. */
    public record ProbeFigures(Percentiles connectMicros, Percentiles firstCountMicros, int broadcastRounds,
                               Percentiles deliveryEachMicros, Percentiles deliveryAllMicros, long sequenceViolations, Memory memory) {
        public static final ProbeFigures NONE = new ProbeFigures(null, null, 0, null, null, 0, null);
    }

    /**
     * Server memory with no probe connected and with all of them connected and idle; null where not measurable (an
     * external target). Heap is measured after a full GC the bench requests with jcmd, RSS from /proc.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long rssBeforeKib, Long rssAfterKib, Long heapBeforeKib, Long heapAfterKib, Double rssPerConnectionKib,
                         Double heapPerConnectionKib) {
        public Memory {
            rssBeforeKib = measured(rssBeforeKib);
            rssAfterKib = measured(rssAfterKib);
            heapBeforeKib = measured(heapBeforeKib);
            heapAfterKib = measured(heapAfterKib);
            rssPerConnectionKib = rssBeforeKib == null || rssAfterKib == null ? null : rssPerConnectionKib;
            heapPerConnectionKib = heapBeforeKib == null || heapAfterKib == null ? null : heapPerConnectionKib;
        }
    }

    /** Null for "not measured", including the -1 that files before schema 3 wrote for it. */
    static Long measured(Long value) {
        return value == null || value < 0 ? null : value;
    }

    static Double measured(Double value) {
        return value == null || value < 0 ? null : value;
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Results read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Results.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
