package dev.webbench.bench.report.diff;

import dev.webbench.bench.report.Formats;
import dev.webbench.bench.report.Markdown;
import dev.webbench.bench.report.ReportJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link RunDiff.Report} three ways: a console table, diff.md for people, diff.json for tools. */
final class DiffOutput {
    static final String MARKDOWN = "diff.md";
    static final String JSON = "diff.json";

    private DiffOutput() {
    }

    static void print(RunDiff.Report report, PrintStream out) {
        out.printf("Diff: base %s -> new %s%n%s%n%n", report.baseRun(), report.newRun(), RunDiff.RULE);
        out.printf(Locale.ROOT, "%-20s %-18s %-26s %12s %12s %9s  %-36s  %s%n", "target", "workload", "metric", "base", "new", "change",
                "intervals (coverage)", "verdict");
        for (RunDiff.Row row : report.rows()) {
            out.printf(Locale.ROOT, "%-20s %-18s %-26s %12s %12s %9s  %-36s  %s%n", row.target(), row.workload(), row.metric().label,
                    value(row.metric(), row.base()), value(row.metric(), row.current()), Formats.signedPercent(row.change()),
                    intervals(row), verdict(row.verdict()));
        }
        out.println();
        out.println(headline(report));
        report.onlyInBase().forEach(p -> out.println("Only in base: " + p));
        report.onlyInNew().forEach(p -> out.println("Only in new: " + p));
    }

    static Path writeMarkdown(RunDiff.Report report, Path dir) {
        StringBuilder md = new StringBuilder();
        md.append("# Diff: ").append(Markdown.text(report.baseRun())).append(" → ").append(Markdown.text(report.newRun())).append("\n\n");
        md.append(Markdown.text(headline(report))).append("\n\n").append(Markdown.text(RunDiff.RULE)).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (RunDiff.Row row : report.rows()) {
            String verdict = verdict(row.verdict());
            rows.add(List.of(Markdown.text(row.target()), Markdown.text(row.workload()), Markdown.text(row.metric().label),
                    value(row.metric(), row.base()), value(row.metric(), row.current()), Formats.signedPercent(row.change()),
                    intervals(row),
                    row.verdict() == RunDiff.Verdict.REGRESSION || row.verdict() == RunDiff.Verdict.FAILED ? Markdown.bold(verdict)
                            : Markdown.text(verdict)));
        }
        Markdown.table(md, List.of("target", "workload", "metric", "base", "new", "change", "intervals (coverage)", "verdict"), rows);
        if (!report.onlyInBase().isEmpty() || !report.onlyInNew().isEmpty()) {
            md.append('\n');
            report.onlyInBase().forEach(p -> md.append("- Only in base: ").append(Markdown.text(p)).append('\n'));
            report.onlyInNew().forEach(p -> md.append("- Only in new: ").append(Markdown.text(p)).append('\n'));
        }
        Path file = dir.resolve(MARKDOWN);
        try {
            Files.writeString(file, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static Path writeJson(RunDiff.Report report, Path dir) {
        Path file = dir.resolve(JSON);
        ReportJson.write(file, report);
        return file;
    }

    static String headline(RunDiff.Report report) {
        return String.format(Locale.ROOT, "%d regression(s) and %d improvement(s) beyond noise (intervals apart); %d within "
                        + "noise; %d failed; %d unjudged (a single repetition measures no noise).", report.count(RunDiff.Verdict.REGRESSION), report.count(RunDiff.Verdict.IMPROVED),
                report.count(RunDiff.Verdict.WITHIN_NOISE), report.count(RunDiff.Verdict.FAILED), report.count(RunDiff.Verdict.UNJUDGED));
    }

    private static String verdict(RunDiff.Verdict verdict) {
        return switch (verdict) {
            case REGRESSION -> "REGRESSION";
            case IMPROVED -> "improved";
            case WITHIN_NOISE -> "within noise";
            case UNJUDGED -> "unjudged (n=1)";
            case FAILED -> "FAILED (errors)";
        };
    }

    /** "[10,165–11,189] vs [6,099–6,714] (75%)", or "-" for a row that was not judged. */
    static String intervals(RunDiff.Row row) {
        if (row.level() == null) {
            return "-";
        }
        return "[" + value(row.metric(), row.baseLow()) + "–" + value(row.metric(), row.baseHigh()) + "] vs [" + value(row.metric(), row.newLow())
                + "–" + value(row.metric(), row.newHigh()) + "] (" + Formats.percent(row.level()).replace(".0%", "%") + ")";
    }

    private static String value(RunDiff.Metric metric, double value) {
        return metric == RunDiff.Metric.P99 ? Formats.millis(value * 1000) : Formats.rate(value);
    }
}
