package dev.webbench.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.webbench.bench.model.Results;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What index.html's charts show, as plain data: report.js turns each {@link Chart} into ECharts options and nothing
 * else, so every number on the page comes from here (and from results.json before that). Three kinds: grouped bars
 * with optional whiskers (a median's interval), HdrHistogram-style percentile lines, and latency ladders (p99 against arrival rate).
 */
final class PageCharts {
    static final String BARS = "bars";
    static final String PERCENTILES = "percentiles";
    static final String LADDER = "ladder";

    /** A ladder point's flags in {@link Series#status}: the generator could not keep the rate; requests failed. */
    static final String GENERATOR_LIMITED = "generator-limited";
    static final String ERRORS = "errors";

    /**
     * One chart. {@code format} tells report.js how to print values: rate, ratio, ms or mib. {@code markLine} is a
     * horizontal threshold drawn dashed (the ladders' SLO), labelled {@code markLabel}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Chart(String id, String kind, String title, String axisName, String format, List<String> categories,
                 List<Double> xPositions, List<Series> series, Double markLine, String markLabel) {
        Chart(String id, String kind, String title, String axisName, String format, List<String> categories, List<Double> xPositions,
              List<Series> series) {
            this(id, kind, title, axisName, format, categories, xPositions, series, null, null);
        }
    }

    /**
     * One series; {@code low}/{@code high} are whiskers, {@code status} per category is ok, noisy, failed or ceiling
     * (for a ladder: per point, space-separated flags or ok); {@code ceiling} greys out a whole series that is a
     * ceiling; {@code x} gives a ladder's own x value per point and {@code notes} a sentence per point for the tooltip.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Series(String name, List<Double> values, List<Double> low, List<Double> high, List<String> status, Boolean ceiling,
                  List<Double> x, List<String> notes) {
        Series(String name, List<Double> values) {
            this(name, values, null, null, null, null);
        }

        Series(String name, List<Double> values, List<Double> low, List<Double> high, List<String> status, Boolean ceiling) {
            this(name, values, low, high, status, ceiling, null, null);
        }
    }

    private final RunView run;

    PageCharts(RunView run) {
        this.run = run;
    }

    /** Each target's median req/s on one workload, with the median's confidence interval as whiskers. */
    Chart throughput(String workload) {
        List<Results.Summary> rows = run.summaries(workload);
        return new Chart(id("throughput", workload), BARS, "Throughput, " + workload + ": median req/s, whiskers the median's interval", "req/s", "rate",
                rows.stream().map(Results.Summary::target).toList(), null,
                List.of(new Series("median req/s", map(rows, s -> s.requestsPerSecond().median()), map(rows, s -> s.requestsPerSecond().ciLow()),
                        map(rows, s -> s.requestsPerSecond().ciHigh()), rows.stream().map(this::statusOf).toList(), null)));
    }

    /** The contenders' median over the HTTP ceiling, one series per workload. */
    Optional<Chart> httpCeilingRatios() {
        return ratios("chart-ratio-http", "Share of the HTTP ceiling (/time)", "× HTTP ceiling",
                Results.Summary::ratioToHttpCeiling);
    }

    /** product-by-id (and its sweep) over the database ceiling. */
    Optional<Chart> dbCeilingRatios() {
        return ratios("chart-ratio-db", "Share of the database ceiling at each target's budget (product-by-id)", "× DB ceiling",
                Results.Summary::ratioToDbCeiling);
    }

    private Optional<Chart> ratios(String id, String title, String axisName, Function<Results.Summary, Double> ratio) {
        List<String> targets = run.contenders().stream().map(Results.TargetInfo::name).toList();
        List<Series> series = new ArrayList<>();
        for (String workload : run.workloads()) {
            List<Double> values = targets.stream().map(t -> run.summary(t, workload).map(ratio).orElse(null)).toList();
            if (values.stream().anyMatch(v -> v != null)) {
                series.add(new Series(workload, values));
            }
        }
        return series.isEmpty() ? Optional.empty()
                : Optional.of(new Chart(id, BARS, title, axisName, "ratio", targets, null, series));
    }

    /** A line per target through p50..p99.9 of one workload, both axes logarithmic. */
    Chart latency(String workload) {
        List<Series> series = new ArrayList<>();
        for (Results.Summary s : run.summaries(workload)) {
            Map<Percentile, Double> latency = run.latency(s.target(), workload);
            if (!latency.isEmpty()) {
                series.add(new Series(s.target(), Arrays.stream(Percentile.values()).map(p -> latency.get(p) / 1000).toList(), null, null, null,
                        run.isCeiling(s.target()) ? true : null));
            }
        }
        return new Chart(id("latency", workload), PERCENTILES, "Latency percentiles, " + workload + " (closed-model wrk, median of repetitions)",
                "ms", "ms", Arrays.stream(Percentile.values()).map(Percentile::label).toList(),
                Arrays.stream(Percentile.values()).map(Percentile::hdrAxisPosition).toList(), series);
    }

    /**
     * One endpoint's ladders: a line per target through p99 at each step, at the arrival rate Gatling really achieved
     * (in the order the steps ran), with the SLO as a threshold. Steps without a recorded request have no point.
     */
    Chart ladder(String endpoint) {
        double slo = run.sloMillis();
        List<Series> series = new ArrayList<>();
        for (Results.Ladder ladder : run.ladders(endpoint)) {
            List<Double> x = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<String> flags = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (Results.LadderStep step : ladder.steps()) {
                x.add(LadderSection.arrivalRate(step));
                p99.add(step.latencyMillis() == null ? null : step.latencyMillis().p99());
                flags.add(flags(step));
                notes.add(LadderSection.describe(step));
            }
            series.add(new Series(ladder.target() + (ladder.failed() ? " (FAILED)" : ""), p99, null, null, flags, null, x, notes));
        }
        return new Chart(id("ladder", endpoint), LADDER, "p99 against arrival rate, " + endpoint + " (Gatling, open model)", "p99 ms", "ms",
                null, null, series, slo, "SLO: p99 ≤ " + Formats.sloMillis(slo) + " ms");
    }

    private static String flags(Results.LadderStep step) {
        List<String> flags = new ArrayList<>();
        if (step.generatorLimited()) {
            flags.add(GENERATOR_LIMITED);
        }
        if (step.errors() > 0) {
            flags.add(ERRORS);
        }
        return flags.isEmpty() ? "ok" : String.join(" ", flags);
    }

    /** Median requests per server CPU-second, workloads by targets. */
    Optional<Chart> cpuEfficiency() {
        List<String> workloads = run.workloads();
        List<Series> series = new ArrayList<>();
        for (String target : run.results().summaries().stream().map(Results.Summary::target).distinct().toList()) {
            List<Double> values = workloads.stream()
                    .map(w -> run.summary(target, w).map(Results.Summary::requestsPerCpuSecondMedian).orElse(null)).toList();
            if (values.stream().anyMatch(v -> v != null)) {
                series.add(new Series(target, values, null, null, null, run.isCeiling(target) ? true : null));
            }
        }
        return series.isEmpty() ? Optional.empty()
                : Optional.of(new Chart("chart-cpu-efficiency", BARS, "Requests per server CPU-second (median)", "req/CPU-s", "rate",
                        workloads, null, series));
    }

    /** Resident memory after startup and at its peak, per started target. */
    Optional<Chart> memory() {
        List<Results.TargetInfo> started = run.results().targets().stream().filter(t -> t.rssPeakKib() != null || t.rssIdleKib() != null).toList();
        if (started.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Chart("chart-memory", BARS, "Resident memory (RSS): idle after startup and peak", "MiB", "mib",
                started.stream().map(Results.TargetInfo::name).toList(), null,
                List.of(new Series("RSS idle", started.stream().map(t -> mibOrNull(t.rssIdleKib())).toList()),
                        new Series("RSS peak", started.stream().map(t -> mibOrNull(t.rssPeakKib())).toList()))));
    }

    Optional<Chart> startup() {
        List<Results.TargetInfo> started = run.results().targets().stream().filter(t -> t.startupMillis() != null).toList();
        if (started.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Chart("chart-startup", BARS, "Startup: process start to the first good response", "ms", "rate",
                started.stream().map(Results.TargetInfo::name).toList(), null,
                List.of(new Series("startup ms", started.stream().map(t -> (double) t.startupMillis()).toList()))));
    }

    private String statusOf(Results.Summary summary) {
        return run.status(summary).name().toLowerCase(Locale.ROOT);
    }

    private static Double mibOrNull(Long kib) {
        return kib == null ? null : kib / 1024.0;
    }

    private static List<Double> map(List<Results.Summary> rows, Function<Results.Summary, Double> value) {
        return rows.stream().map(value).toList();
    }

    /** Element ids from workload names: product-by-id@c64 becomes chart-latency-product-by-id-c64. */
    static String id(String prefix, String workload) {
        return "chart-" + prefix + "-" + workload.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
