package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * summary.md: ready to paste into an architecture decision record. A decision matrix (one row per target, one
 * column per criterion, the best of each column in bold), the findings, the PNG charts beside it, and the caveats
 * that decide how far the numbers can be trusted.
 */
final class MarkdownSummary {
    static final String FILE = "summary.md";

    /**
     * One criterion of the decision matrix: how to read it from a target, whether more is better, and what the cell
     * says (already Markdown) when there is no value.
     */
    private record Criterion(String header, Function<Results.TargetInfo, Optional<Double>> value, Function<Double, String> format,
                             boolean moreIsBetter, Function<Results.TargetInfo, String> absent) {
        Criterion(String header, Function<Results.TargetInfo, Optional<Double>> value, Function<Double, String> format, boolean moreIsBetter) {
            this(header, value, format, moreIsBetter, t -> Formats.NOT_MEASURED);
        }
    }

    private final RunView run;
    private final StringBuilder out = new StringBuilder();

    private MarkdownSummary(RunView run) {
        this.run = run;
    }

    static Path write(RunView run, Path runDir, List<PngCharts.Png> charts) {
        Path file = runDir.resolve(FILE);
        try {
            Files.writeString(file, render(run, charts), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static String render(RunView run, List<PngCharts.Png> charts) {
        return new MarkdownSummary(run).document(charts);
    }

    private String document(List<PngCharts.Png> charts) {
        Results results = run.results();
        out.append("# webbench run ").append(Markdown.text(results.runId())).append("\n\n");
        out.append(String.format(Locale.ROOT, "%s mode: %d repetitions of %d s per workload, wrk -t%d -c%d, medians with their "
                        + "confidence intervals. Interactive report: [index.html](index.html); raw numbers: [results.json](results.json).%n%n",
                results.settings().mode(), results.settings().repetitions(), results.settings().durationSeconds(),
                results.settings().wrkThreads(), results.settings().connections()));
        if (results.settings().mode().equals("quick")) {
            out.append(WarmUpSection.smokeRunNote(results)).append("\n\n");
        }
        problems();
        decisionMatrix();
        findings();
        workloadTable();
        out.append(CostSection.markdown(run));
        out.append(WarmUpSection.markdown(run));
        if (run.hasLadders()) {
            out.append(LadderSection.markdown(run));
        }
        if (run.latencyPhase().isPresent()) {
            out.append(WebSocketSection.markdown(run));
        }
        out.append(PeerSection.markdown(run));
        charts(charts);
        out.append(JmhSection.markdown(run));
        caveats();
        environment();
        return out.toString();
    }

    private void problems() {
        Results results = run.results();
        boolean latencyFailed = !run.failedLadders().isEmpty() || !run.failedWebSockets().isEmpty();
        if (!run.failed().isEmpty() || results.failed() && !latencyFailed) {
            out.append("> **FAILED:** ");
            out.append(String.join("; ", run.failed().stream()
                    .map(s -> Markdown.text(s.target() + " on " + s.workload()) + " saw " + s.errors() + " errors").toList()));
            out.append(". Failed results are marked and left out of every ranking.\n\n");
        }
        if (latencyFailed) {
            List<String> parts = new ArrayList<>();
            run.failedLadders().forEach(l -> parts.add("the " + l.endpoint() + " ladder of " + l.target()));
            run.failedWebSockets().forEach(w -> parts.add(String.format(Locale.ROOT, "the WebSocket run of %s with %,d clients", w.target(), w.clients())));
            out.append("> **FAILED:** ").append(Markdown.text(String.join("; ", parts)))
                    .append(". They are marked FAILED below and have no headline.\n\n");
        }
        for (String warning : results.warnings()) {
            out.append("> **WARNING:** ").append(Markdown.text(warning)).append("\n\n");
        }
    }

    private void decisionMatrix() {
        Optional<String> primary = run.primaryWorkload();
        out.append("## Decision matrix\n\n");
        if (primary.isEmpty() || run.contenders().isEmpty()) {
            out.append("No implementation was measured in this run.\n\n");
            return;
        }
        String workload = primary.get();
        // Cost per request leads beside req/s: it explains the ranking and moves far less between machines.
        List<Criterion> criteria = new ArrayList<>(List.of(
                new Criterion("throughput, " + Markdown.text(workload) + " (median req/s)", t -> clean(t, workload).map(s -> s.requestsPerSecond().median()),
                        Formats::rate, true),
                new Criterion("server CPU per request", t -> clean(t, workload).map(CostSection::serverMicros), Formats::micros, false),
                new Criterion("PostgreSQL CPU per request", t -> clean(t, workload).map(Results.Summary::postgresCpuMicrosPerRequestMedian),
                        Formats::micros, false),
                new Criterion("× DB ceiling", t -> clean(t, workload).map(Results.Summary::ratioToDbCeiling), Formats::ratio, true),
                new Criterion("p99, " + Markdown.text(workload) + " (closed-model wrk, ms)", t -> clean(t, workload).map(Results.Summary::latencyP99MicrosMedian),
                        Formats::millis, false),
                new Criterion("memory (RSS peak)", t -> measured(t.rssPeakKib()), kib -> Formats.mib(kib.longValue()), false),
                new Criterion("startup", t -> measured(t.startupMillis()), ms -> Formats.startup(ms.longValue()), false),
                new Criterion("code size (LOC)", t -> measured(t.sourceLines()), loc -> Formats.lines(loc.longValue()), false)));
        // The open-model headline sits beside wrk's p99, which it qualifies.
        Optional<String> ladder = run.primaryLadderEndpoint();
        ladder.ifPresent(endpoint -> criteria.add(5, ladderCriterion(endpoint)));
        // Beside the name, not a criterion: a budget is a setting to compare like with like, neither better nor worse.
        List<String> headers = new ArrayList<>(List.of("target", "DB statements in flight (connections × pipelining)"));
        criteria.forEach(c -> headers.add(c.header()));
        headers.add("status");
        List<List<String>> rows = new ArrayList<>();
        List<String> tiedForFirst = tiedForFirst(workload);
        for (Results.TargetInfo target : run.contenders()) {
            List<String> row = new ArrayList<>(List.of(Markdown.text(target.name()), Markdown.text(Formats.dbBudget(target.dbBudget()))));
            for (Criterion criterion : criteria) {
                Optional<Double> value = criterion.value().apply(target);
                String cell = value.map(v -> Markdown.text(criterion.format().apply(v))).orElseGet(() -> criterion.absent().apply(target));
                boolean best = value.isPresent() && value.equals(best(criterion));
                if (criterion == criteria.getFirst() && tiedForFirst.contains(target.name())) {
                    cell += " (tie)";
                }
                row.add(best ? Markdown.bold(cell) : cell);
            }
            row.add(run.summary(target.name(), workload).map(this::status).orElse("not run"));
            rows.add(row);
        }
        Markdown.table(out, headers, rows);
        out.append(String.format(Locale.ROOT, "%nBold: the best in each column. Throughput and latency are the median of %d repetitions on %s. ",
                run.results().settings().repetitions(), Markdown.text(workload)));
        if (!tiedForFirst.isEmpty()) {
            out.append("(tie): the throughput's confidence interval overlaps the leader's, so this run does not rank them. ");
        }
        out.append(ladder.map(endpoint -> String.format(Locale.ROOT, "The p99 column is wrk's closed-model p99; the open-model column is "
                        + "the highest fixed arrival rate (Gatling) at which p99 stayed within %s ms with no failed request on %s, or none.%n",
                Formats.sloMillis(run.sloMillis()), Markdown.text(endpoint)))
                .orElse("The p99 column is wrk's closed-model p99, not the p99 at a fixed arrival rate (this run has no open-model ladder).\n"));
        ceilings();
        out.append('\n');
    }

    /** The ladder headline on {@code endpoint}: more is better; a failed ladder says so, a ladder without a headline says none. */
    private Criterion ladderCriterion(String endpoint) {
        return new Criterion("p99 ≤ " + Formats.sloMillis(run.sloMillis()) + " ms up to, " + Markdown.text(endpoint) + " (open model)",
                t -> run.ladder(t.name(), endpoint).filter(l -> !l.failed()).map(Results.Ladder::maxRateWithinSlo), Formats::perSecond, true,
                t -> run.ladder(t.name(), endpoint).map(l -> l.failed() ? Markdown.bold("FAILED") : "none").orElse(Formats.NOT_MEASURED));
    }

    /** What the intervals of this run's throughput medians cover, in words. */
    static String intervalCoverage(Results results) {
        double lowest = results.summaries().stream().mapToDouble(s -> s.requestsPerSecond().ciLevel()).min().orElse(0);
        int fewest = results.summaries().stream().mapToInt(s -> s.requestsPerSecond().n()).min().orElse(0);
        return lowest >= Stats.CONFIDENCE - 1e-9
                ? "Every interval covers the median with at least 95% confidence."
                : String.format(Locale.ROOT, "With %d repetition(s) an interval is the minimum to maximum and covers the median with only "
                        + "%s confidence (95%% needs %d repetitions): \"faster\" here means the ranges do not overlap.", fewest,
                Formats.coverage(lowest), Stats.N_FOR_CONFIDENCE);
    }

    /** The leader on {@code workload} and every contender whose interval overlaps its; empty when the leader stands alone. */
    private List<String> tiedForFirst(String workload) {
        List<Results.Summary> ranking = run.ranking(workload);
        if (ranking.size() < 2) {
            return List.of();
        }
        Stats leader = ranking.getFirst().requestsPerSecond();
        List<String> tied = ranking.stream().filter(s -> s.requestsPerSecond().overlaps(leader)).map(Results.Summary::target).toList();
        return tied.size() < 2 ? List.of() : tied;
    }

    private Optional<Double> best(Criterion criterion) {
        Comparator<Double> order = criterion.moreIsBetter() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return run.contenders().stream().map(criterion.value()).flatMap(Optional::stream).min(order);
    }

    private void ceilings() {
        List<String> lines = CeilingNotes.measured(run);
        if (!lines.isEmpty()) {
            out.append("Ceilings measured in the same run (each × DB ceiling is to the one at the target's own budget, "
                    + "× HTTP ceiling to the HTTP one on /time):\n\n");
            lines.forEach(line -> out.append("- ").append(Markdown.text(line)).append('\n'));
        }
    }

    private void findings() {
        out.append("## Findings\n\n");
        Findings.of(run).forEach(f -> out.append("- ").append(f.startsWith("FAILED") ? "**FAILED**" + Markdown.text(f.substring(6))
                : Markdown.text(f)).append('\n'));
        out.append('\n');
    }

    /** Median req/s for every workload, so the matrix's single workload is not the whole story. */
    private void workloadTable() {
        List<String> workloads = run.workloads();
        out.append("## Throughput by workload (median req/s)\n\n");
        List<String> headers = new ArrayList<>(List.of("target"));
        workloads.forEach(w -> headers.add(Markdown.text(w)));
        List<List<String>> rows = new ArrayList<>();
        for (String target : run.results().summaries().stream().map(Results.Summary::target).distinct().toList()) {
            List<String> row = new ArrayList<>(List.of(Markdown.text(run.label(target)) + (run.isCeiling(target) ? " (ceiling)" : "")));
            for (String workload : workloads) {
                row.add(run.summary(target, workload).map(s -> Formats.rate(s.requestsPerSecond().median())
                        + (s.failed() ? " **FAILED**" : s.noisy() ? " NOISY" : "")).orElse(""));
            }
            rows.add(row);
        }
        Markdown.table(out, headers, rows);
        out.append('\n');
    }

    private void charts(List<PngCharts.Png> charts) {
        if (charts.isEmpty()) {
            return;
        }
        out.append("## Charts\n\n");
        charts.forEach(c -> out.append("![").append(Markdown.text(c.altText())).append("](").append(c.file()).append(")\n\n"));
    }

    private void caveats() {
        Results results = run.results();
        Results.EnvironmentInfo env = results.environment();
        Results.Settings settings = results.settings();
        out.append("## Caveats\n\n");
        out.append(String.format(Locale.ROOT, "- Same machine: wrk, the servers and PostgreSQL ran on one %d-core machine. CPU topology: %s%n",
                env.cores(), Markdown.text(CostSection.topology(results))));
        if (env.topology() == null) {
            out.append("- ").append(Markdown.text(env.note())).append('\n');
        }
        if (env.loadAverageAtStart() > env.cores() * 0.25) {
            out.append(String.format(Locale.ROOT, "- The machine was not idle: load average %.2f on %d cores before the run started.%n",
                    env.loadAverageAtStart(), env.cores()));
        }
        out.append(String.format(Locale.ROOT, "- Noise: %d of %d results are NOISY (fewer than 3 repetitions or a coefficient of variation above %s); "
                        + "differences within the min-max spread are ties.%n", run.noisy().size(), results.summaries().size(),
                Formats.percent(Stats.NOISY_CV)));
        out.append(String.format(Locale.ROOT, "- Confidence: each median's interval is distribution-free (order statistics). %s%n",
                intervalCoverage(results)));
        if (settings.mode().equals("quick")) {
            out.append(String.format(Locale.ROOT, "- Quick mode: %d-second repetitions after a %d-second warm-up are a smoke test, not a basis "
                    + "for a decision; run `./compare` in full mode for that.%n", settings.durationSeconds(), settings.warmupSeconds()));
        }
        out.append("- Closed-model latency: wrk waits for each answer before sending the next request, so under saturation it hides "
                + "queueing (coordinated omission). Its p99 compares targets; it is not the latency users would see at a fixed rate.\n");
        if (run.hasLadders()) {
            out.append("- Open-model latency: Gatling ran on the same machine as the servers, so a step marked gen measured the generator, "
                    + "not the server; Gatling records whole milliseconds.\n");
        } else if (run.latencyPhase().isPresent()) {
            out.append("- Not measured in this run: latency at fixed arrival rates (an open-model ladder); the smoke run has none. Run the "
                    + "full mode, or add --rates.\n");
        } else {
            out.append("- Not measured in this run: latency at fixed arrival rates (an open-model ladder) and the WebSocket broadcast; "
                    + "the run predates them or ran with --skip-latency.\n");
        }
        if (env.gitDirty()) {
            out.append("- Built from uncommitted changes on top of ").append(Markdown.text(env.gitCommit())).append(".\n");
        }
        out.append('\n');
    }

    private void environment() {
        Results.EnvironmentInfo env = run.results().environment();
        out.append("## Environment and method\n\n");
        out.append(String.format(Locale.ROOT, "%s, %d cores, %,d MiB; %s (kernel %s); %s; JVM flags `%s`; PostgreSQL %s (%s); %s. "
                        + "Repetitions interleaved across targets after a warm-up; the median is reported, never the best.%n",
                Markdown.text(env.cpuModel()), env.cores(), env.memoryMib(), Markdown.text(env.os()), Markdown.text(env.kernel()),
                Markdown.text(env.jdk()), String.join(" ", run.results().settings().jvmFlags()), Markdown.text(env.postgresVersion()),
                env.postgresProvider(), Markdown.text(env.wrkVersion())));
    }

    private String status(Results.Summary summary) {
        return switch (run.status(summary)) {
            case FAILED -> "**FAILED** (" + summary.errors() + " errors)";
            case NOISY -> "NOISY (CV " + Formats.percent(summary.requestsPerSecond().cv()) + ")";
            case CEILING, OK -> "ok";
        };
    }

    /** The target's summary on the workload, unless it failed: failed numbers never compete. */
    private Optional<Results.Summary> clean(Results.TargetInfo target, String workload) {
        return run.summary(target.name(), workload).filter(s -> !s.failed());
    }

    private static Optional<Double> measured(Long value) {
        return Optional.ofNullable(value).map(Long::doubleValue);
    }
}
