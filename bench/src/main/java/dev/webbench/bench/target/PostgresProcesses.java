package dev.webbench.bench.target;

import dev.webbench.provision.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local PostgreSQL as processes: its postmaster, found from a backend's parent, and every process it forked.
 * Pinning the postmaster pins every backend it forks later (a child inherits its parent's affinity); the ones
 * already running are pinned one by one.
 *
 * <p>CPU of the whole tree: the postmaster's own, its live children's, and what its exited children used (the
 * kernel adds a reaped child's time to its parent's {@code cutime}/{@code cstime}), so a backend that ends during
 * a measurement is still counted.
 */
public final class PostgresProcesses {
    private final long postmaster;

    private PostgresProcesses(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The postmaster of {@code postgres} when it runs on this machine and its processes are visible; else empty. */
    public static Optional<PostgresProcesses> find(Postgres postgres) {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            long backend = row.getLong(1);
            OptionalLong parent = parentOf(backend);
            if (parent.isEmpty() || !isPostgres(parent.getAsLong())) {
                return Optional.empty();
            }
            return Optional.of(new PostgresProcesses(parent.getAsLong()));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    public long postmasterPid() {
        return postmaster;
    }

    /** The postmaster and its live children. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            proc.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit)).map(Long::parseLong)
                    .filter(pid -> parentOf(pid).orElse(-1) == postmaster).forEach(pids::add);
        } catch (IOException e) {
            // only the postmaster then
        }
        return pids;
    }

    /**
     * Moves every thread of the postmaster and of each running child to {@code cpus}.
     *
     * @return the pids pinned
     * @throws IllegalStateException when taskset fails (e.g. a CPU outside this machine)
     */
    public List<Long> pinTo(String cpus) {
        List<Long> pids = pids();
        for (long pid : pids) {
            run(CpuTopology.tasksetRunning(cpus, pid));
        }
        return pids;
    }

    /**
     * CPU seconds of the whole tree since the postmaster started; -1 when the postmaster is gone.
     *
     * <p>A backend that exits while its siblings are read moves its time from "live child" to the postmaster's
     * reaped-children time; read in between, it would count nowhere (or twice). The reaped time is therefore read
     * before and after the children, and the scan repeated until it did not change.
     */
    public double cpuSeconds() {
        for (int attempt = 0; ; attempt++) {
            double[] before = ProcFs.cpuTimes(postmaster);
            if (before == null) {
                return -1;
            }
            double children = 0;
            for (long pid : pids()) {
                if (pid != postmaster) {
                    double[] child = ProcFs.cpuTimes(pid);
                    if (child != null) {
                        children += child[0] + child[1];
                    }
                }
            }
            double[] after = ProcFs.cpuTimes(postmaster);
            if (after == null) {
                return -1;
            }
            if (after[1] == before[1] || attempt == 9) {
                return after[0] + after[1] + children;
            }
        }
    }

    /** The affinity list of a process as the kernel reports it, e.g. {@code 0-1}; null when unreadable. */
    public static String affinity(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // gone
        }
        return null;
    }

    private static OptionalLong parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // After the parenthesised command name: state, then ppid.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isPostgres(long pid) {
        try {
            String command = Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
            return command.startsWith("postgres") || command.startsWith("postmaster");
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run (is util-linux's taskset installed?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
