package dev.webbench.bench.target;

import dev.webbench.bench.model.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Where the three parties of a run go: PostgreSQL, the server under test and the load generator.
 *
 * <p>The rule, with at least {@value #MIN_PINNED_CPUS} CPUs: a quarter of them (rounded down, at least one) for
 * PostgreSQL, the next quarter for the server, the rest (half or more) for the load generator, in the order the
 * CPUs are numbered. Disjoint sets keep each party's CPU time its own, so a figure like "server CPU per request" is
 * not inflated by waiting for a core wrk holds. With fewer CPUs there is no disjoint split worth having: everything
 * shares every CPU, and the report says so.
 */
public final class CpuTopology {
    /** Below this, three disjoint sets would leave some party a fraction of a core. */
    public static final int MIN_PINNED_CPUS = 4;

    public enum Mode {
        /** Pinned when the machine has at least {@value #MIN_PINNED_CPUS} CPUs, shared otherwise. */
        AUTO,
        /** Everything competes for every CPU (the behaviour before topologies). */
        SHARED,
        /** Disjoint sets; refused below 3 CPUs. */
        PINNED
    }

    /** CPU lists the user gave on the command line; null where the plan decides. */
    public record Overrides(String postgresCpus, String serverCpus, String loadCpus) {
        public static final Overrides NONE = new Overrides(null, null, null);

        boolean any() {
            return postgresCpus != null || serverCpus != null || loadCpus != null;
        }
    }

    /** What the user asked for: a mode and any CPU lists given by hand, planned once the database is known. */
    public record Request(Mode mode, Overrides overrides) {
        public static final Request AUTO = new Request(Mode.AUTO, Overrides.NONE);

        /** The plan on the CPUs this process may use. */
        public Results.Topology plan(boolean postgresLocal) {
            return CpuTopology.plan(allowedCpus(), mode, postgresLocal, overrides);
        }
    }

    static final String SHARED_NOTE = "Fewer than " + MIN_PINNED_CPUS + " CPUs: the load generator, the servers and PostgreSQL share "
            + "every CPU. Absolute numbers include that contention; read them as ratios to the ceilings and as CPU per request.";
    static final String FORCED_SHARED_NOTE = "--topology shared: the load generator, the servers and PostgreSQL share every CPU. "
            + "Absolute numbers include that contention; read them as ratios to the ceilings and as CPU per request.";
    static final String PINNED_NOTE = "PostgreSQL, the servers and the load generator ran on disjoint CPU sets: each one's CPU per "
            + "request is its own, and req/s is bounded by the server's %d CPU%s.";

    private CpuTopology() {
    }

    /**
     * The plan for {@code cpus} (the CPUs this process may use).
     *
     * @param postgresLocal false for a PostgreSQL the bench did not start (external, or in a container): it is
     *                      recorded as remote and never pinned
     */
    public static Results.Topology plan(List<Integer> cpus, Mode mode, boolean postgresLocal, Overrides overrides) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPUs to plan on");
        }
        int n = cpus.size();
        String remote = postgresLocal ? null : Results.Topology.REMOTE;
        boolean pin = switch (mode) {
            case SHARED -> false;
            case PINNED -> {
                if (n < 3) {
                    throw new IllegalArgumentException("--topology pinned needs at least 3 CPUs for three disjoint sets; this machine "
                            + "lets the bench use " + n + " (" + list(cpus) + ")");
                }
                yield true;
            }
            case AUTO -> n >= MIN_PINNED_CPUS;
        };
        if (!pin && !overrides.any()) {
            return new Results.Topology(Results.Topology.SHARED, n, null, null, null,
                    remote != null ? remote : Results.Topology.SHARED, mode == Mode.SHARED ? FORCED_SHARED_NOTE : SHARED_NOTE);
        }
        String postgresCpus = null;
        String serverCpus = null;
        String loadCpus = null;
        if (pin) {
            int quarter = Math.max(1, n / 4);
            postgresCpus = postgresLocal ? list(cpus.subList(0, quarter)) : null;
            // A remote PostgreSQL frees its quarter: it goes to the load generator, never to the server, so that
            // the server's budget does not depend on where the database runs.
            serverCpus = list(cpus.subList(quarter, 2 * quarter));
            loadCpus = list(postgresLocal ? cpus.subList(2 * quarter, n) : concat(cpus.subList(0, quarter), cpus.subList(2 * quarter, n)));
        }
        postgresCpus = overrides.postgresCpus() != null ? overrides.postgresCpus() : postgresCpus;
        serverCpus = overrides.serverCpus() != null ? overrides.serverCpus() : serverCpus;
        loadCpus = overrides.loadCpus() != null ? overrides.loadCpus() : loadCpus;
        if (!postgresLocal) {
            postgresCpus = null;
        }
        boolean disjoint = serverCpus != null && loadCpus != null && (!postgresLocal || postgresCpus != null)
                && disjoint(parse(serverCpus), parse(loadCpus), postgresCpus == null ? List.of() : parse(postgresCpus));
        String placement = remote != null ? remote : postgresCpus != null ? Results.Topology.PINNED : Results.Topology.SHARED;
        String note = disjoint ? String.format(Locale.ROOT, PINNED_NOTE, parse(serverCpus).size(), parse(serverCpus).size() == 1 ? "" : "s")
                : "Partly pinned (" + describe(remote != null ? "remote" : orAll(postgresCpus), serverCpus, loadCpus) + "): the parties without a set, or with overlapping "
                + "sets, compete for CPUs; read absolute numbers as ratios.";
        return new Results.Topology(disjoint ? Results.Topology.PINNED : Results.Topology.SHARED, n, postgresCpus, serverCpus, loadCpus,
                placement, note);
    }

    /** The {@code taskset} prefix that pins a command to {@code cpus}; empty when {@code cpus} is null. */
    public static List<String> taskset(String cpus) {
        return cpus == null ? List.of() : List.of("taskset", "-c", cpus);
    }

    /** The {@code taskset} command that moves every thread of a running process to {@code cpus}. */
    public static List<String> tasksetRunning(String cpus, long pid) {
        return List.of("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid));
    }

    /** The CPUs this process may run on, from /proc/self/status; 0..n-1 where it cannot be read. */
    public static List<Integer> allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parse(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JVM's count
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            all.add(i);
        }
        return all;
    }

    /** A {@code taskset -c} list such as {@code 0-3,8,10-11}, expanded and sorted. */
    public static List<Integer> parse(String list) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            String range = part.trim();
            if (range.isEmpty()) {
                continue;
            }
            int dash = range.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                if (from < 0 || to < from) {
                    throw new IllegalArgumentException("bad CPU range '" + range + "' in '" + list + "'");
                }
                for (int cpu = from; cpu <= to; cpu++) {
                    cpus.add(cpu);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU list '" + list + "': expected e.g. 0-3,6", e);
            }
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("empty CPU list '" + list + "'");
        }
        return List.copyOf(cpus);
    }

    /** The shortest {@code taskset -c} list for {@code cpus}: runs of consecutive numbers as ranges. */
    public static String list(List<Integer> cpus) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int from = sorted.get(i);
            int to = from;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == to + 1) {
                to = sorted.get(++i);
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(from == to ? String.valueOf(from) : from + "-" + to);
        }
        return out.toString();
    }

    private static String describe(String postgres, String serverCpus, String loadCpus) {
        return "PostgreSQL " + postgres + ", servers " + orAll(serverCpus) + ", load " + orAll(loadCpus);
    }

    private static String orAll(String cpus) {
        return cpus == null ? "all CPUs" : "CPU " + cpus;
    }

    private static boolean disjoint(List<Integer> a, List<Integer> b, List<Integer> c) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (List<Integer> set : List.of(a, b, c)) {
            for (int cpu : set) {
                if (!seen.add(cpu)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
