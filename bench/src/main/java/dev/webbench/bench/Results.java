package dev.webbench.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one run produced: {@code results.json}, described by {@code results.schema.json}
 * (bench/src/main/resources). Field names are snake_case on disk.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Results(int schemaVersion, String runId, String startedAt, String finishedAt, boolean failed, List<String> warnings,
                      Settings settings, EnvironmentInfo environment, List<TargetInfo> targets, List<Measurement> measurements,
                      List<Summary> summaries, Latency latency) {
    /** 2 added {@code latency}: Gatling ladders and the WebSocket counter under load. Version 1 files still read. */
    public static final int SCHEMA_VERSION = 2;

    /** A run without the latency phase (schema version 1, or --skip-latency). */
    public Results(int schemaVersion, String runId, String startedAt, String finishedAt, boolean failed, List<String> warnings,
                   Settings settings, EnvironmentInfo environment, List<TargetInfo> targets, List<Measurement> measurements,
                   List<Summary> summaries) {
        this(schemaVersion, runId, startedAt, finishedAt, failed, warnings, settings, environment, targets, measurements, summaries, null);
    }

    static final ObjectMapper JSON = JsonMapper.builder()
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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TargetInfo(String name, String kind, String threadModel, String url, String jar, long jarBytes, long sourceLines,
                             long startupMillis, long rssIdleKib, long rssPeakKib) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measurement(String target, String workload, String scenario, int connections, int repetition, int order, String tool,
                              double durationSeconds, long requests, double requestsPerSecond, long bytes, WrkReport.Errors errors,
                              WrkReport.Latency latencyMicros, double serverCpuSeconds, double requestsPerCpuSecond,
                              double loadCpuSeconds, String rawFile, boolean ok) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String target, String workload, String scenario, int connections, Stats requestsPerSecond, boolean noisy,
                          boolean failed, long errors, Double latencyP50MicrosMedian, Double latencyP99MicrosMedian,
                          Double requestsPerCpuSecondMedian, Double ratioToHttpCeiling, Double ratioToDbCeiling) {
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
     * @param peakRequestsPerSecond the wrk median this run measured for the target and endpoint, the base of the fractions
     * @param maxRateWithinSlo      the highest rate at which this and every lower step kept p99 within the SLO with no
     *                              error and the generator kept the rate; null when even the lowest step missed
     * @param consistent            false when a step passed above one that missed: the machine was noisy
     * @param report                Gatling's HTML report, relative to the run folder
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ladder(String target, String endpoint, Double peakRequestsPerSecond, List<LadderStep> steps, Double maxRateWithinSlo,
                         boolean consistent, boolean failed, String report, String problem) {
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

        public boolean machineSaturated() {
            return machineCpuBusy != null && machineCpuBusy > SATURATED;
        }
    }

    /** A latency distribution; the unit is in the name of the field holding it. */
    public record Percentiles(long count, double p50, double p90, double p99, double p999, double max, double mean) {
    }

    /**
     * The counter with {@code clients} connected: Gatling's ramp and checks, then the purpose-built probe's
     * connect and broadcast timings (microseconds, HdrHistogram) and memory per idle connection.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebSocketRun(String target, int clients, int rampSeconds, boolean failed, List<String> problems,
                               Percentiles gatlingConnectMillis, Percentiles gatlingSeesAllMillis, long gatlingErrors,
                               boolean gatlingAssertionsPassed, String report, Percentiles connectMicros, Percentiles firstCountMicros,
                               int broadcastRounds, Percentiles deliveryEachMicros, Percentiles deliveryAllMicros,
                               long sequenceViolations, Memory memory) {
    }

    /**
     * Server memory with no probe connected and with all of them connected and idle; -1 when not measurable (an
     * external target). Heap is measured after a full GC the bench requests with jcmd, RSS from /proc.
     */
    public record Memory(long rssBeforeKib, long rssAfterKib, long heapBeforeKib, long heapAfterKib, double rssPerConnectionKib,
                         double heapPerConnectionKib) {
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
