package dev.webbench.bench.latency.gatling;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What one Gatling run of the WebSocket counter asks: {@code clients} users connect to {@code /counter} on a
 * ramp of {@code rampSeconds}, each must see the count reach {@code clients} (everyone connected) within
 * {@code awaitSeconds} of its own connect, then stays {@code holdSeconds} and closes.
 */
public record CounterPlan(String wsBaseUrl, int clients, int rampSeconds, int awaitSeconds, int holdSeconds) {

    public void write(Path file) {
        try {
            JsonMapper.builder().build().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static CounterPlan read(Path file) {
        try {
            return JsonMapper.builder().build().readValue(file.toFile(), CounterPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the counter plan " + file + ": " + e.getMessage(), e);
        }
    }
}
