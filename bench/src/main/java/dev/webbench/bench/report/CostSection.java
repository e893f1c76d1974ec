package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each request cost, beside what each target achieved: server CPU and PostgreSQL CPU per request, and the
 * CPU the machine had left. Throughput moves with the machine; CPU per request moves far less, and it is what
 * explains a ranking. Runs before schema 4 have none of it, and the section says so.
 */
final class CostSection {
    static final String EXPLANATION = "Server CPU per request: the server process's user + system CPU (/proc) over a repetition, "
            + "divided by its requests. PostgreSQL CPU per request: the same for the whole PostgreSQL process tree (postmaster, "
            + "backends, and backends that ended during the window). Idle: the share of all CPUs' time nobody used. Medians over "
            + "the repetitions; lower CPU per request is better.";

    private CostSection() {
    }

    /** Where the parties ran, in one sentence, or what older runs recorded. */
    static String topology(Results results) {
        Results.Topology topology = results.environment().topology();
        if (topology != null) {
            return topology.describe() + ". " + topology.note();
        }
        Results.Settings settings = results.settings();
        return settings.serverCpus() == null && settings.loadCpus() == null
                ? "not recorded (a run before topologies): servers, wrk and PostgreSQL shared the CPUs"
                : "not recorded (a run before topologies): servers on " + orAll(settings.serverCpus()) + ", wrk on " + orAll(settings.loadCpus());
    }

    static String html(RunView run) {
        StringBuilder out = new StringBuilder("<section id=\"cost\">\n<h2>Cost per request</h2>\n");
        out.append("<p>").append(Html.escape("CPU topology: " + topology(run.results()))).append("</p>\n<p>")
                .append(Html.escape(EXPLANATION)).append("</p>\n");
        if (!measured(run)) {
            out.append("<p class=\"placeholder\">This run predates cost per request (results.json schema 4).</p>\n</section>\n");
            return out.toString();
        }
        for (String workload : run.workloads()) {
            List<Html.Row> rows = new ArrayList<>();
            for (Results.Summary s : run.summaries(workload)) {
                rows.add(new Html.Row(s.failed() ? "failed" : run.isCeiling(s.target()) ? "ceiling" : null, List.of(s.target(),
                        Formats.rate(s.requestsPerSecond().median()), Formats.micros(serverMicros(s)),
                        Formats.micros(s.postgresCpuMicrosPerRequestMedian()), Formats.percent(s.machineIdleShareMedian()))));
            }
            Html.table(out, workload + ": cost per request", List.of("target", "median req/s", "server CPU µs/req", "PostgreSQL CPU µs/req",
                    "machine idle"), rows);
        }
        return out.append("</section>\n").toString();
    }

    static String markdown(RunView run) {
        if (!measured(run)) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Cost per request (median µs of CPU)\n\n");
        out.append(Markdown.text(EXPLANATION)).append("\n\n");
        List<String> headers = new ArrayList<>(List.of("target"));
        List<String> workloads = run.workloads();
        workloads.forEach(w -> headers.add(Markdown.text(w) + " server / PostgreSQL"));
        List<List<String>> rows = new ArrayList<>();
        for (String target : run.results().summaries().stream().map(Results.Summary::target).distinct().toList()) {
            List<String> row = new ArrayList<>(List.of(Markdown.text(target) + (run.isCeiling(target) ? " (ceiling)" : "")));
            for (String workload : workloads) {
                row.add(run.summary(target, workload).map(s -> Formats.micros(serverMicros(s)) + " / "
                        + Formats.micros(s.postgresCpuMicrosPerRequestMedian())).orElse(""));
            }
            rows.add(row);
        }
        Markdown.table(out, headers, rows);
        return out.append('\n').toString();
    }

    /**
     * Why the leader leads on {@code workload}, from CPU per request: "A spends N µs of server CPU per request, B M µs
     * (k× as much); PostgreSQL spent ...". Empty when the run did not measure it for both.
     */
    static Optional<String> explainsRanking(RunView run, String workload) {
        List<Results.Summary> ranking = run.ranking(workload).stream().filter(s -> serverMicros(s) != null).toList();
        if (ranking.size() < 2) {
            return Optional.empty();
        }
        Results.Summary first = ranking.getFirst();
        Results.Summary second = ranking.get(1);
        double cpuRatio = serverMicros(second) / serverMicros(first);
        double speedRatio = first.requestsPerSecond().median() / second.requestsPerSecond().median();
        String cpu = String.format(Locale.ROOT, "%s spends %s of server CPU per request on %s, %s %s", first.target(),
                Formats.micros(serverMicros(first)), workload, second.target(),
                Formats.micros(serverMicros(second)));
        String why = cpuRatio >= 1
                ? String.format(Locale.ROOT, " (%.2f× as much): that explains most of %s's %.2f× the throughput", cpuRatio, first.target(),
                        speedRatio)
                : String.format(Locale.ROOT, ": %s is faster although each of its requests costs more CPU, so it uses more of the CPUs "
                        + "or waits less (pool, queueing) than %s", first.target(), second.target());
        String database = first.postgresCpuMicrosPerRequestMedian() == null || second.postgresCpuMicrosPerRequestMedian() == null ? ""
                : String.format(Locale.ROOT, "; PostgreSQL spent %s per request under %s and %s under %s", Formats.micros(
                        first.postgresCpuMicrosPerRequestMedian()), first.target(), Formats.micros(second.postgresCpuMicrosPerRequestMedian()),
                        second.target());
        return Optional.of(cpu + why + database + ".");
    }

    /**
     * Server CPU per request; for runs before schema 4, from their requests per CPU-second (the median of the
     * reciprocals is the reciprocal of the median for an odd number of repetitions).
     */
    static Double serverMicros(Results.Summary s) {
        if (s.serverCpuMicrosPerRequestMedian() != null) {
            return s.serverCpuMicrosPerRequestMedian();
        }
        return s.requestsPerCpuSecondMedian() == null || s.requestsPerCpuSecondMedian() <= 0 ? null : 1e6 / s.requestsPerCpuSecondMedian();
    }

    /** Whether any summary carries a cost figure (schema 4 runs with /proc). */
    static boolean measured(RunView run) {
        return run.results().summaries().stream().anyMatch(s -> serverMicros(s) != null
                || s.postgresCpuMicrosPerRequestMedian() != null);
    }

    private static String orAll(String cpus) {
        return cpus == null ? "any CPU" : cpus;
    }
}
