package dev.webbench.bench.wrk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.bench.model.Results;
import java.io.IOException;
import java.util.Optional;

/**
 * One wrk run's numbers, from the {@code WEBBENCH_JSON} line our Lua {@code done()} prints, plus the
 * load generator's CPU from the shell's {@code times} (null when it printed none).
 */
public record WrkReport(long durationMicros, long requests, long bytes, Results.Errors errors, Results.WrkLatency latencyMicros,
                        Double loadCpuSeconds) {
    static final String MARKER = "WEBBENCH_JSON ";
    private static final ObjectMapper JSON = new ObjectMapper();

    public double requestsPerSecond() {
        return durationMicros == 0 ? 0 : requests * 1_000_000.0 / durationMicros;
    }

    /** Parses wrk's stdout; fails with the output quoted when the line is missing (a crashed or misused wrk). */
    public static WrkReport parse(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no " + MARKER.trim() + " line; its output:\n" + stdout));
        try {
            JsonNode json = JSON.readTree(line.substring(MARKER.length()));
            JsonNode e = json.get("errors");
            JsonNode l = json.get("latency_us");
            return new WrkReport(json.get("duration_us").asLong(), json.get("requests").asLong(), json.get("bytes").asLong(),
                    new Results.Errors(e.get("connect").asLong(), e.get("read").asLong(), e.get("write").asLong(),
                            e.get("status").asLong(), e.get("timeout").asLong()),
                    new Results.WrkLatency(l.get("min").asLong(), l.get("mean").asDouble(), l.get("stdev").asDouble(), l.get("max").asLong(),
                            l.get("p50").asLong(), l.get("p75").asLong(), l.get("p90").asLong(), l.get("p99").asLong(),
                            l.get("p999").asLong()),
                    childCpuSeconds(stdout).orElse(null));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("malformed " + MARKER.trim() + " line: " + line, e);
        }
    }

    /** bash's {@code times} prints two lines, the shell's and its children's: {@code 0m1.250s 0m0.310s}. */
    static Optional<Double> childCpuSeconds(String stdout) {
        var lines = stdout.lines().filter(l -> l.matches("\\d+m[\\d.]+s \\d+m[\\d.]+s")).toList();
        if (lines.size() < 2) {
            return Optional.empty();
        }
        String[] parts = lines.get(lines.size() - 1).split(" ");
        return Optional.of(seconds(parts[0]) + seconds(parts[1]));
    }

    private static double seconds(String bashTime) {
        int m = bashTime.indexOf('m');
        return Integer.parseInt(bashTime.substring(0, m)) * 60 + Double.parseDouble(bashTime.substring(m + 1, bashTime.length() - 1));
    }
}
