package dev.webbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.bench.model.Results;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JMH suite's results ({@code ./compare jmh} writes jmh.json into a run folder) as a section of summary.md and
 * index.html, and as the command's console table. Each score is put beside the per-request CPU the same run
 * measured end to end, which is what it explains. No jmh.json, no section.
 */
public final class JmhSection {
    public static final String FILE = "jmh.json";

    /** Wider than this share of the score, an error bar makes the row a tie with its neighbours: the table says so. */
    static final double WIDE_ERROR = 0.10;

    /** One benchmark of jmh.json: the fields JMH's JSON result format writes that the reports use. */
    public record Score(String benchmark, String mode, int forks, int warmupIterations, String warmupTime, int measurementIterations,
                        String measurementTime, String jmhVersion, String jdkVersion, double score, double error, String unit) {
        /** The benchmark class's simple name: BrandsJsonBenchmark. */
        String suite() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2];
        }

        /** The method, named after the path it measures: jackson2ContractJson. */
        String path() {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        boolean wide() {
            return !(error <= WIDE_ERROR * score);
        }
    }

    /** What a benchmark class measures, and the bench workload whose requests include that step. */
    private record Step(String label, String workload) {
    }

    private static final Map<String, Step> STEPS = Map.of(
            "BrandsJsonBenchmark", new Step("/brands JSON (100 rows)", "seed"),
            "CreateBodyBenchmark", new Step("POST /product body", "create-product"),
            "DateHeaderBenchmark", new Step("Date header", "time"));

    /** Which implementations take each path (see each benchmark method's comment); the others are for comparison. */
    private static final Map<String, String> USED_BY = Map.of(
            "BrandsJsonBenchmark.jackson2ContractJson", "servlet, netty",
            "BrandsJsonBenchmark.vertxJsonArray", "vertx",
            "BrandsJsonBenchmark.jackson3Spring", "webflux",
            "CreateBodyBenchmark.jackson2ContractJson", "servlet, netty",
            "CreateBodyBenchmark.vertxJson", "vertx",
            "CreateBodyBenchmark.jackson3Spring", "webflux",
            "DateHeaderBenchmark.httpDateCached", "netty, vertx, webflux",
            "DateHeaderBenchmark.jettyServerDateField", "servlet");

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhSection() {
    }

    /** The scores in {@code runDir}'s jmh.json, grouped by benchmark class; empty when there is none. */
    public static List<Score> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Score> scores = new ArrayList<>();
            for (JsonNode b : JSON.readTree(file.toFile())) {
                JsonNode metric = b.path("primaryMetric");
                scores.add(new Score(b.path("benchmark").asText(), b.path("mode").asText(), b.path("forks").asInt(),
                        b.path("warmupIterations").asInt(), b.path("warmupTime").asText(), b.path("measurementIterations").asInt(),
                        b.path("measurementTime").asText(), b.path("jmhVersion").asText(), b.path("jdkVersion").asText(),
                        metric.path("score").asDouble(Double.NaN), metric.path("scoreError").asDouble(Double.NaN),
                        metric.path("scoreUnit").asText()));
            }
            List<String> suites = scores.stream().map(Score::suite).distinct().toList();
            return scores.stream().sorted(Comparator.comparingInt((Score s) -> suites.indexOf(s.suite()))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The summary.md section, or nothing without jmh.json. */
    static String markdown(RunView run) {
        List<Score> scores = run.runDir().map(JmhSection::read).orElse(List.of());
        if (scores.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Per-request cost of the paths that differ (JMH)\n\n");
        out.append(Markdown.text(intro(scores))).append(" Raw: [jmh.json](jmh.json), log: [jmh.txt](jmh.txt).\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Score s : scores) {
            rows.add(List.of(Markdown.text(step(s).label()), Markdown.text(s.path()), Markdown.text(usedBy(s)),
                    number(s.score()), number(s.error()) + (s.wide() ? " (wide)" : ""), Markdown.text(s.unit())));
        }
        Markdown.table(out, List.of("step", "path", "used by", "score", "± error", "unit"), rows);
        out.append('\n');
        explanation(run, scores).forEach(sentence -> out.append("- ").append(Markdown.text(sentence)).append('\n'));
        out.append('\n');
        return out.toString();
    }

    /** The index.html section, or nothing without jmh.json. */
    static String html(RunView run) {
        List<Score> scores = run.runDir().map(JmhSection::read).orElse(List.of());
        if (scores.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<section id=\"jmh\">\n<h2>Per-request cost of the paths that differ (JMH)</h2>\n<p>");
        out.append(Html.escape(intro(scores))).append(" Raw: <a href=\"jmh.json\">jmh.json</a>, log: <a href=\"jmh.txt\">jmh.txt</a>.</p>\n");
        List<Html.Row> rows = new ArrayList<>();
        for (Score s : scores) {
            rows.add(new Html.Row(s.wide() ? "noisy" : null, List.of(step(s).label() + ": " + s.path(), usedBy(s), number(s.score()),
                    number(s.error()) + (s.wide() ? " (wide)" : ""), s.unit())));
        }
        Html.table(out, "JMH: one thread, average time per operation", List.of("step: path", "used by", "score", "± error", "unit"), rows);
        out.append("<ul>\n");
        explanation(run, scores).forEach(sentence -> out.append("<li>").append(Html.escape(sentence)).append("</li>\n"));
        out.append("</ul>\n</section>\n");
        return out.toString();
    }

    /** The console table {@code ./compare jmh} ends with. */
    public static void print(List<Score> scores, PrintStream out) {
        out.printf(Locale.ROOT, "%-52s %-22s %12s %12s  %s%n", "benchmark", "used by", "score", "± error", "unit");
        for (Score s : scores) {
            out.printf(Locale.ROOT, "%-52s %-22s %12s %12s  %s%s%n", s.suite() + "." + s.path(), usedBy(s), number(s.score()),
                    number(s.error()), s.unit(), s.wide() ? "  (error over " + Math.round(WIDE_ERROR * 100) + "% of the score)" : "");
        }
    }

    private static String intro(List<Score> scores) {
        Score first = scores.getFirst();
        return String.format(Locale.ROOT, "The CPU time one thread spends on one step of a request, for each path the implementations take "
                        + "(JMH %s, JDK %s, mode %s, %d fork(s) of %d × %s after %d × %s of warm-up; ± is the 99.9%% confidence half-width).",
                first.jmhVersion(), first.jdkVersion(), first.mode(), first.forks(), first.measurementIterations(), first.measurementTime(),
                first.warmupIterations(), first.warmupTime());
    }

    /**
     * What the numbers explain: per step, the spread between its paths beside the per-request CPU the most efficient
     * target used on the workload that includes the step; then how far they may be read.
     */
    private static List<String> explanation(RunView run, List<Score> scores) {
        List<String> sentences = new ArrayList<>();
        Map<String, List<Score>> bySuite = new LinkedHashMap<>();
        scores.forEach(s -> bySuite.computeIfAbsent(s.suite(), k -> new ArrayList<>()).add(s));
        bySuite.forEach((suite, suiteScores) -> budget(run, suiteScores).ifPresent(sentences::add));
        sentences.add("These are single-thread costs of isolated steps on a warm JIT, not a ranking of the frameworks: a path that is "
                + "X ns slower explains at most X ns of the difference between two targets' CPU per request, and the end-to-end figures "
                + "also hold I/O, the database driver, pooling and scheduling.");
        if (scores.stream().anyMatch(Score::wide)) {
            sentences.add("Rows marked wide have an error above " + Math.round(WIDE_ERROR * 100) + "% of their score: on a small shared "
                    + "machine short runs are noisy, and paths whose score ± error ranges overlap are ties.");
        }
        return sentences;
    }

    /**
     * One step's sentence: the spread between the paths implementations take (the others are comparisons) beside the
     * server CPU per request of the most CPU-efficient target on the workload that includes the step.
     */
    private static Optional<String> budget(RunView run, List<Score> scores) {
        Step step = step(scores.getFirst());
        if (step.workload() == null || scores.stream().anyMatch(s -> !s.unit().equals("ns/op"))) {
            return Optional.empty();
        }
        Optional<Results.Summary> efficient = run.contenders().stream()
                .map(t -> run.summary(t.name(), step.workload()))
                .flatMap(Optional::stream)
                .filter(s -> !s.failed() && s.requestsPerCpuSecondMedian() != null && s.requestsPerCpuSecondMedian() > 0)
                .max(Comparator.comparingDouble(Results.Summary::requestsPerCpuSecondMedian));
        List<Score> taken = scores.stream().filter(s -> USED_BY.containsKey(key(s))).toList();
        if (efficient.isEmpty() || taken.isEmpty()) {
            return Optional.empty();
        }
        Results.Summary best = efficient.get();
        double cpuNanosPerRequest = 1e9 / best.requestsPerCpuSecondMedian();
        DoubleSummaryStatistics range = taken.stream().mapToDouble(Score::score).summaryStatistics();
        DoubleSummaryStatistics others = scores.stream().filter(s -> !taken.contains(s)).mapToDouble(Score::score).summaryStatistics();
        String low = share(range.getMin() / cpuNanosPerRequest);
        String shares = taken.size() == 1 ? "the path takes " + low + " of that"
                : low.equals(share(range.getMax() / cpuNanosPerRequest)) ? "the paths take " + low + " of that"
                : "the paths take " + share(range.getMin() / cpuNanosPerRequest) + " to " + share(range.getMax() / cpuNanosPerRequest)
                + " of that, a difference of " + share((range.getMax() - range.getMin()) / cpuNanosPerRequest);
        return Optional.of(String.format(Locale.ROOT, "%s: %s on the paths the implementations take%s. On the %s workload the most CPU-efficient "
                        + "target, %s, used %s µs of server CPU per request (%s req/CPU-s at a median %s req/s): %s.", step.label(),
                nanos(range), others.getCount() == 0 ? "" : " (" + nanos(others) + " on those measured for comparison)", step.workload(),
                best.target(), micros(cpuNanosPerRequest), Formats.rate(best.requestsPerCpuSecondMedian()),
                Formats.rate(best.requestsPerSecond().median()), shares));
    }

    private static String nanos(DoubleSummaryStatistics range) {
        return range.getCount() == 1 || number(range.getMin()).equals(number(range.getMax())) ? number(range.getMin()) + " ns"
                : number(range.getMin()) + " to " + number(range.getMax()) + " ns";
    }

    private static Step step(Score score) {
        return STEPS.getOrDefault(score.suite(), new Step(score.suite(), null));
    }

    private static String usedBy(Score score) {
        return USED_BY.getOrDefault(key(score), "none (for comparison)");
    }

    private static String key(Score score) {
        return score.suite() + "." + score.path();
    }

    /** A score or an error: 1 decimal below 100, whole numbers with separators above. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return Formats.NOT_MEASURED;
        }
        return String.format(Locale.ROOT, Math.abs(value) < 100 ? "%.1f" : "%,.0f", value);
    }

    private static String micros(double nanos) {
        return String.format(Locale.ROOT, nanos < 100_000 ? "%.1f" : "%,.0f", nanos / 1000);
    }

    /** Small shares need more digits than Formats.percent gives: 0.02%, not 0.0%. */
    private static String share(double fraction) {
        double percent = fraction * 100;
        return String.format(Locale.ROOT, percent < 0.1 ? "%.3f%%" : percent < 10 ? "%.1f%%" : "%.0f%%", percent);
    }
}
