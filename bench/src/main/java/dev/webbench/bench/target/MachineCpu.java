package dev.webbench.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole machine's CPU from Linux' /proc/stat: on one small machine the load generator, the server and the
 * database share the cores, and when they are all busy a step's latency includes each one's wait for a CPU.
 */
public final class MachineCpu {
    /** Cumulative busy and total jiffies of all CPUs at a wall-clock instant. */
    public record Sample(long epochMillis, long busy, long total) {
    }

    private MachineCpu() {
    }

    /** Now, or empty where /proc/stat is unavailable (another OS). */
    public static Optional<Sample> sample() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] fields = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            // idle and iowait are fields 4 and 5: the rest is work.
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return Optional.of(new Sample(System.currentTimeMillis(), total - idle, total));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The busy share between the last sample at or before {@code from} and the first at or after {@code to}; null if unknown. */
    public static Double busyBetween(List<Sample> samples, long from, long to) {
        if (samples.isEmpty() || from <= 0 || to < from) {
            return null;
        }
        Sample start = null;
        Sample end = null;
        for (Sample sample : samples) {
            if (sample.epochMillis() <= from) {
                start = sample;
            }
            if (end == null && sample.epochMillis() >= to) {
                end = sample;
            }
        }
        if (start == null) {
            start = samples.getFirst();
        }
        if (end == null) {
            end = samples.getLast();
        }
        long total = end.total() - start.total();
        return total <= 0 ? null : Math.round(1000.0 * (end.busy() - start.busy()) / total) / 1000.0;
    }
}
