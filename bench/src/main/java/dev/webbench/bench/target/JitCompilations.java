package dev.webbench.bench.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * How many methods a running HotSpot JVM has JIT-compiled so far ({@code sun.ci.totalCompiles}, read with
 * {@code jcmd PID PerfCounter.print}). A warm-up is over when this stops climbing, not when a timer says so.
 */
public final class JitCompilations {
    private static final String COUNTER = "sun.ci.totalCompiles=";

    private JitCompilations() {
    }

    /** The count, or empty where it cannot be read (not HotSpot, no jcmd, perf data disabled, the process gone). */
    public static OptionalLong of(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "PerfCounter.print").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return OptionalLong.empty();
            }
            return parse(out);
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    static OptionalLong parse(String perfCounters) {
        for (String line : perfCounters.split("\n")) {
            if (line.startsWith(COUNTER)) {
                try {
                    return OptionalLong.of(Long.parseLong(line.substring(COUNTER.length()).trim()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
