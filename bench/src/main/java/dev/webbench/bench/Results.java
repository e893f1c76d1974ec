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
                      List<Summary> summaries) {
    public static final int SCHEMA_VERSION = 1;

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
