package dev.webbench.bench.target;

import dev.webbench.conformance.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process CPU and threads from Linux's /proc; -1 where unavailable (another OS, or the process is gone). Memory: {@link JarProcess}. */
public final class ProcFs {
    /** USER_HZ: 100 on every mainstream Linux build; /proc/self/stat counts in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {
    }

    /** User + system CPU seconds of the process, all threads. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * {self, reaped children} CPU seconds (user + system each) of the process, or null when it is gone: the second
     * holds what its exited children used once it waited for them.
     */
    public static double[] cpuTimes(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // utime, stime, cutime, cstime are fields 14 to 17.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new double[] {(Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND,
                (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@link #cpuSeconds} of a server and of every live process under it: a JVM has none, gunicorn's master (the Flask
     * peer) does its work in its worker children. -1 when the server itself cannot be read.
     */
    public static double serverCpuSeconds(long pid) {
        double own = cpuSeconds(pid);
        if (own < 0) {
            return -1;
        }
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToDouble(child -> Math.max(0, cpuSeconds(child.pid()))).sum();
    }

    /** Live threads of the process (the Threads field of /proc/pid/status). */
    public static int threads(long pid) {
        return (int) JarProcess.procStatus(pid, "Threads");
    }
}
