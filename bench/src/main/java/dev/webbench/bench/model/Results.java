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
                      List<Summary> summaries, Latency latency, List<WarmUp> warmUps) {
    /**
     * 2 added {@code latency}: Gatling ladders and the WebSocket counter under load. 3 leaves out what was not
     * measured instead of writing -1. 4 adds the CPU topology, the cost per request (server and PostgreSQL CPU,
     * machine idle share), each target's database budget, the generator ceiling and database ceilings per budget.
     * Files of versions 1 to 3 still read.
     */
    public static final int SCHEMA_VERSION = 4;
    /** The bare HTTP server's target name: the HTTP stack's own ceiling on this machine. */
    public static final String HTTP_CEILING = "http-ceiling";
    /** The database ceiling's target name in runs before schema 4: product-by-id straight over JDBC, no HTTP. */
    public static final String DB_CEILING = "db-ceiling";
    /** wrk against a responder that parses nothing and writes pre-encoded bytes: what the load generator can drive. */
    public static final String GENERATOR_CEILING = "generator-ceiling";

    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * @param repetitions    the fewest repetitions of every workload
     * @param maxRepetitions the most: repetitions continue, interleaved, until each median's interval is within
     *                       {@code precision} or this many ran (0 in files before schema 4: no more than {@code repetitions})
     * @param precision      the stopping rule's relative half-width of a 95% interval (0.05: median ± 5%)
     * @param warmupSeconds  the warm-up's cap: it ends earlier once steady (see {@link WarmUp})
     */
    public record Settings(String mode, List<String> scenarios, int durationSeconds, int connections, int wrkThreads, int repetitions,
                           int primerSeconds, int warmupSeconds, List<Integer> sweepConnections, List<String> jvmFlags,
                           String serverCpus, String loadCpus, int dbCeilingConnections, int maxRepetitions, double precision) {
        public Settings {
            maxRepetitions = Math.max(maxRepetitions, repetitions);
        }

        /** These settings with the CPU sets a topology chose. */
        public Settings withCpus(String servers, String load) {
            return new Settings(mode, scenarios, durationSeconds, connections, wrkThreads, repetitions, primerSeconds, warmupSeconds,
                    sweepConnections, jvmFlags, servers, load, dbCeilingConnections, maxRepetitions, precision);
        }
    }

    /**
     * One target's warm-up on one workload: wrk in one-second windows until the last {@link #WINDOWS} windows agree
     * within {@link #TOLERANCE} (coefficient of variation) and the JIT compiled fewer than {@link #SETTLED_COMPILES_PER_SECOND}
     * methods a second in the last window, or until the cap.
     *
     * @param requestsPerSecond each window's rate, in order: the warm-up curve
     * @param compilesPerSecond the server's JIT compilations per second in each window (HotSpot's sun.ci.totalCompiles);
     *                          null entries where not read (an external target, or before the rate was steady)
     * @param steady            false when the cap ended it: the measured repetitions may include warm-up
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WarmUp(String target, String workload, List<Double> requestsPerSecond, List<Double> compilesPerSecond, boolean steady,
                         double seconds) {
        public static final int WINDOWS = 3;
        public static final double TOLERANCE = 0.05;
        public static final double SETTLED_COMPILES_PER_SECOND = 10;

        /**
         * The stopping rule after each window: the last {@link #WINDOWS} rates within {@link #TOLERANCE}, and the JIT's
         * latest rate (when known) below {@link #SETTLED_COMPILES_PER_SECOND}.
         */
        public static boolean steady(List<Double> rates, Double latestCompilesPerSecond) {
            if (rates.size() < WINDOWS) {
                return false;
            }
            Stats last = Stats.of(rates.subList(rates.size() - WINDOWS, rates.size()));
            return last.cv() <= TOLERANCE && (latestCompilesPerSecond == null || latestCompilesPerSecond < SETTLED_COMPILES_PER_SECOND);
        }

        /** Whether the rates alone are steady: the moment to ask the JIT how busy it still is. */
        public static boolean ratesSteady(List<Double> rates) {
            return steady(rates, null);
        }
    }

    /** @param topology where the load generator, the servers and PostgreSQL ran; null in files before schema 4 */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnvironmentInfo(String cpuModel, int cores, long memoryMib, String kernel, String os, String jdk, String gitCommit,
                                  boolean gitDirty, String postgresVersion, String postgresProvider, String wrkVersion,
                                  double loadAverageAtStart, String note, Topology topology) {
        /** This environment with the CPU placement of the run, whose note replaces the general one. */
        public EnvironmentInfo withTopology(Topology placed) {
            return new EnvironmentInfo(cpuModel, cores, memoryMib, kernel, os, jdk, gitCommit, gitDirty, postgresVersion, postgresProvider,
                    wrkVersion, loadAverageAtStart, placed.note(), placed);
        }
    }

    /**
     * Which CPUs each party of the run had. {@code taskset -c} lists; null where a party was not pinned.
     *
     * @param mode              {@link #PINNED}: disjoint CPU sets; {@link #SHARED}: everything competes for every CPU
     * @param cores             CPUs this run could use (the bench's own affinity)
     * @param postgresPlacement {@link #PINNED}, {@link #SHARED}, or {@link #REMOTE} for a PostgreSQL the bench cannot see
     * @param note              one sentence for the report: how to read absolute numbers under this topology
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Topology(String mode, int cores, String postgresCpus, String serverCpus, String loadCpus, String postgresPlacement,
                           String note) {
        public static final String PINNED = "pinned";
        public static final String SHARED = "shared";
        public static final String REMOTE = "remote";

        public boolean pinned() {
            return PINNED.equals(mode);
        }

        /** "pinned: PostgreSQL CPU 0-3, servers CPU 4-7, load CPU 8-15" for the console and the report. */
        public String describe() {
            boolean remote = REMOTE.equals(postgresPlacement);
            if (serverCpus == null && loadCpus == null && postgresCpus == null) {
                return "shared: every party on all " + cores + " CPUs" + (remote ? ", PostgreSQL remote" : "");
            }
            return mode + ": PostgreSQL " + (remote ? "remote" : cpus(postgresCpus)) + ", servers " + cpus(serverCpus) + ", load "
                    + cpus(loadCpus);
        }

        private static String cpus(String list) {
            return list == null ? "all CPUs" : "CPU " + list;
        }
    }

    /**
     * Statements a target can have in flight at PostgreSQL: {@code connections x pipelining}, as the implementation
     * reported it at start.
     *
     * @param source "implementation default", or the {@code --db-budget} that configured it
     */
    public record DbBudget(int connections, int pipelining, int inFlight, String source) {
        public static DbBudget of(int connections, int pipelining, String source) {
            return new DbBudget(connections, pipelining, connections * pipelining, source);
        }

        /** "9 × 1" */
        public String shape() {
            return connections + " \u00d7 " + pipelining;
        }
    }

    /** The database ceiling measured at {@code connections x pipelining} statements in flight. */
    public static String dbCeilingName(int connections, int pipelining) {
        return DB_CEILING + "-" + connections + "x" + pipelining;
    }

    /**
     * Null where not measured: an external target has no jar, no startup and no RSS the bench can read.
     *
     * @param cpus     the {@code taskset -c} list the bench pinned it to; null when unpinned
     * @param dbBudget what it said at start about its statements in flight; null when it said nothing (older runs,
     *                 ceilings, external targets)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetInfo(String name, String kind, String threadModel, String url, String jar, Long jarBytes, Long sourceLines,
                             Long startupMillis, Long rssIdleKib, Long rssPeakKib, String cpus, DbBudget dbBudget) {
        public TargetInfo {
            jarBytes = measured(jarBytes);
            sourceLines = measured(sourceLines);
            startupMillis = measured(startupMillis);
            rssIdleKib = measured(rssIdleKib);
            rssPeakKib = measured(rssPeakKib);
        }

        public TargetInfo withPeakRss(Long peakKib) {
            return new TargetInfo(name, kind, threadModel, url, jar, jarBytes, sourceLines, startupMillis, rssIdleKib, peakKib, cpus,
                    dbBudget);
        }

        public TargetInfo withDbBudget(DbBudget budget) {
            return new TargetInfo(name, kind, threadModel, url, jar, jarBytes, sourceLines, startupMillis, rssIdleKib, rssPeakKib, cpus,
                    budget);
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
     * @param serverCpuMicrosPerRequest   server CPU per request: {@code serverCpuSeconds / requests}
     * @param postgresCpuSeconds          the whole PostgreSQL process tree's CPU over the repetition (postmaster, backends,
     *                                    their reaped children); null when PostgreSQL is remote
     * @param postgresCpuMicrosPerRequest {@code postgresCpuSeconds / requests}
     * @param machineIdleShare            the share of all CPUs' time idle during the repetition, from /proc/stat
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurement(String target, String workload, String scenario, int connections, int repetition, int order, String tool,
                              double durationSeconds, long requests, double requestsPerSecond, long bytes, Errors errors,
                              WrkLatency latencyMicros, Double serverCpuSeconds, Double requestsPerCpuSecond,
                              Double loadCpuSeconds, String rawFile, boolean ok, Double serverCpuMicrosPerRequest,
                              Double postgresCpuSeconds, Double postgresCpuMicrosPerRequest, Double machineIdleShare) {
        public Measurement {
            Objects.requireNonNull(errors, "errors");
            serverCpuSeconds = measured(serverCpuSeconds);
            requestsPerCpuSecond = measured(requestsPerCpuSecond);
            loadCpuSeconds = measured(loadCpuSeconds);
            postgresCpuSeconds = measured(postgresCpuSeconds);
            machineIdleShare = measured(machineIdleShare);
            serverCpuMicrosPerRequest = serverCpuMicrosPerRequest != null ? measured(serverCpuMicrosPerRequest)
                    : perRequestMicros(serverCpuSeconds, requests);
            postgresCpuMicrosPerRequest = postgresCpuMicrosPerRequest != null ? measured(postgresCpuMicrosPerRequest)
                    : perRequestMicros(postgresCpuSeconds, requests);
        }

        private static Double perRequestMicros(Double cpuSeconds, long requests) {
            return cpuSeconds == null || requests <= 0 ? null : cpuSeconds * 1e6 / requests;
        }

        /**
         * The mean time a request held its connection, in microseconds (Little's law: connections x duration / requests
         * for a closed-model generator). A request's server CPU cannot exceed it while one thread at a time serves it.
         */
        public Double wallMicrosPerRequest() {
            return requests <= 0 ? null : durationSeconds * 1e6 * connections / requests;
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
                    .rawFile(rawFile).ok(ok).postgresCpuSeconds(postgresCpuSeconds).machineIdleShare(machineIdleShare);
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
            private Double postgresCpuSeconds;
            private Double machineIdleShare;

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

            public Builder postgresCpuSeconds(Double seconds) {
                this.postgresCpuSeconds = seconds;
                return this;
            }

            public Builder machineIdleShare(Double share) {
                this.machineIdleShare = share;
                return this;
            }

            public Measurement build() {
                return new Measurement(place.target(), place.workload(), place.scenario(), place.connections(), place.repetition(),
                        place.order(), place.tool(), durationSeconds, requests, requestsPerSecond, bytes, errors, latencyMicros,
                        serverCpuSeconds, requestsPerCpuSecond, loadCpuSeconds, rawFile, ok, null, postgresCpuSeconds, null,
                        machineIdleShare);
            }
        }
    }

    /**
     * One target's repetitions of one workload, folded.
     *
     * @param serverCpuMicrosPerRequestMedian   median server CPU per request
     * @param postgresCpuMicrosPerRequestMedian median PostgreSQL CPU per request (per query for a database ceiling)
     * @param machineIdleShareMedian            median share of the machine's CPU time left idle
     * @param ratioToGeneratorCeiling           this median over the generator ceiling's
     * @param generatorBound                    within 10% of the generator ceiling or above it: wrk, not the target, set the pace
     * @param dbCeiling                         the database ceiling {@code ratioToDbCeiling} is to (the one at this target's budget)
     * @param ceilingExceededBy                 on a ceiling's own summary: the target measured above it beyond the noise, which
     *                                          makes it no ceiling; null while it bounds
     * @param intervals                         the statistics (with the median's interval) of the other figures; null before
     *                                          schema 4
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String target, String workload, String scenario, int connections, Stats requestsPerSecond, boolean noisy,
                          boolean failed, long errors, Double latencyP50MicrosMedian, Double latencyP99MicrosMedian,
                          Double requestsPerCpuSecondMedian, Double ratioToHttpCeiling, Double ratioToDbCeiling,
                          Double serverCpuMicrosPerRequestMedian, Double postgresCpuMicrosPerRequestMedian, Double machineIdleShareMedian,
                          Double ratioToGeneratorCeiling, boolean generatorBound, String dbCeiling, String ceilingExceededBy,
                          Intervals intervals) {
        /** Share of the generator ceiling from which a target is flagged generator-bound. */
        public static final double GENERATOR_BOUND_SHARE = 0.9;

        /** A summary of figures alone, before ratios to any ceiling. */
        public static Summary of(String target, String workload, String scenario, int connections, Stats requestsPerSecond, boolean failed,
                                 long errors, Double latencyP50MicrosMedian, Double latencyP99MicrosMedian, Double requestsPerCpuSecondMedian,
                                 Double serverCpuMicrosPerRequestMedian, Double postgresCpuMicrosPerRequestMedian,
                                 Double machineIdleShareMedian, Intervals intervals) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, requestsPerSecond.noisy(), failed, errors,
                    latencyP50MicrosMedian, latencyP99MicrosMedian, requestsPerCpuSecondMedian, null, null, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, null, false, null, null, intervals);
        }

        /**
         * The statistics over the repetitions of the figures besides req/s, each with its median's interval; a figure no
         * repetition measured is null.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Intervals(Stats latencyP99Micros, Stats serverCpuMicrosPerRequest, Stats postgresCpuMicrosPerRequest) {
        }

        public Summary withRatios(Double toHttpCeiling, Double toDbCeiling) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, noisy, failed, errors, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, toHttpCeiling, toDbCeiling, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, ratioToGeneratorCeiling, generatorBound, dbCeiling,
                    ceilingExceededBy, intervals);
        }

        /** This summary with the ratio to the generator ceiling, flagged generator-bound at {@link #GENERATOR_BOUND_SHARE}. */
        public Summary withGeneratorRatio(Double toGeneratorCeiling) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, noisy, failed, errors, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, ratioToHttpCeiling, ratioToDbCeiling, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, toGeneratorCeiling,
                    toGeneratorCeiling != null && toGeneratorCeiling >= GENERATOR_BOUND_SHARE, dbCeiling, ceilingExceededBy, intervals);
        }

        public Summary withDbCeiling(String ceiling, Double toDbCeiling) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, noisy, failed, errors, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, ratioToHttpCeiling, toDbCeiling, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, ratioToGeneratorCeiling, generatorBound, ceiling,
                    ceilingExceededBy, intervals);
        }

        /** A ceiling's summary, marked as no ceiling because {@code exceededBy} measured above it. */
        public Summary exceededBy(String exceededBy) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, noisy, failed, errors, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, ratioToHttpCeiling, ratioToDbCeiling, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, ratioToGeneratorCeiling, generatorBound, dbCeiling,
                    exceededBy, intervals);
        }

        /** The same figures under another status: the tests' fixtures break summaries with it. */
        public Summary withStatus(boolean isFailed, long errorCount) {
            return new Summary(target, workload, scenario, connections, requestsPerSecond, noisy, isFailed, errorCount, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, ratioToHttpCeiling, ratioToDbCeiling, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, ratioToGeneratorCeiling, generatorBound, dbCeiling,
                    ceilingExceededBy, intervals);
        }

        /** The same with new throughput statistics (the tests' fixtures scale measurements with it). */
        public Summary withRequestsPerSecond(Stats rps) {
            return new Summary(target, workload, scenario, connections, rps, rps.noisy(), failed, errors, latencyP50MicrosMedian,
                    latencyP99MicrosMedian, requestsPerCpuSecondMedian, ratioToHttpCeiling, ratioToDbCeiling, serverCpuMicrosPerRequestMedian,
                    postgresCpuMicrosPerRequestMedian, machineIdleShareMedian, ratioToGeneratorCeiling, generatorBound, dbCeiling,
                    ceilingExceededBy, intervals);
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
