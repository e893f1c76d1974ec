package dev.webbench.bench.latency.gatling;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a step's users really started. Gatling starts open-model users on a schedule, but a generator short of CPU
 * starts them late and the asked-for rate silently becomes a lower one; the first and last start of each step
 * show it. Recorded inside Gatling's JVM, written when the simulation ends, read by the bench.
 */
public final class Arrivals {
    /**
     * How many users started in a step, the seconds from its first start to its last, and whether the step was
     * abandoned (see {@code LadderSimulation}).
     */
    public record Window(long users, double spanSeconds, boolean abandoned, long firstStartMillis, long lastStartMillis) {
        public Window(long users, double spanSeconds, boolean abandoned) {
            this(users, spanSeconds, abandoned, 0, 0);
        }

        /** Users started per second; 0 when a step had too few users to tell. */
        public double rate() {
            return users < 2 || spanSeconds <= 0 ? 0 : (users - 1) / spanSeconds;
        }
    }

    private static final class Tracker {
        private boolean abandoned;
        private long users;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;
        private long firstMillis;
        private long lastMillis;

        synchronized void started(long nanos, long millis) {
            users++;
            if (nanos < first) {
                first = nanos;
                firstMillis = millis;
            }
            if (nanos > last) {
                last = nanos;
                lastMillis = millis;
            }
        }

        synchronized void abandon() {
            abandoned = true;
        }

        synchronized Window window() {
            return new Window(users, users == 0 ? 0 : (last - first) / 1e9, abandoned, firstMillis, lastMillis);
        }
    }

    private final Map<String, Tracker> steps = new ConcurrentHashMap<>();

    public void started(String step) {
        steps.computeIfAbsent(step, name -> new Tracker()).started(System.nanoTime(), System.currentTimeMillis());
    }

    public void abandoned(String step) {
        steps.computeIfAbsent(step, name -> new Tracker()).abandon();
    }

    public Map<String, Window> windows() {
        Map<String, Window> windows = new TreeMap<>();
        steps.forEach((name, tracker) -> windows.put(name, tracker.window()));
        return windows;
    }

    public void write(Path file) {
        try {
            JsonMapper.builder().build().writeValue(file.toFile(), windows());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The windows a simulation wrote, or none if it wrote nothing (it crashed). */
    public static Map<String, Window> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return JsonMapper.builder().build().readValue(file.toFile(), new TypeReference<Map<String, Window>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
