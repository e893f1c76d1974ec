package dev.webbench.bench.report;

import dev.webbench.bench.Results;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports of a run folder, all rendered from its results.json (and jmh.json, if ./compare jmh wrote one there):
 * index.html, summary.md with its PNG charts, and, between two runs, diff.md and diff.json.
 */
public final class RunReport {
    public static final String RESULTS = "results.json";

    private RunReport() {
    }

    /** Renders every report into {@code runDir} and returns the files written. */
    public static List<Path> render(Path runDir) {
        Path resilience = runDir.resolve(dev.webbench.bench.ResilienceResults.FILE);
        if (!Files.isRegularFile(runDir.resolve(RESULTS)) && Files.isRegularFile(resilience)) {
            return ResilienceReport.write(dev.webbench.bench.ResilienceResults.read(resilience), runDir);
        }
        RunView run = new RunView(Results.read(resultsOf(runDir)), runDir);
        List<Path> written = new ArrayList<>();
        written.add(HtmlReport.write(run, runDir));
        List<PngCharts.Png> charts = PngCharts.write(run, runDir);
        written.add(MarkdownSummary.write(run, runDir, charts));
        charts.forEach(c -> written.add(runDir.resolve(c.file())));
        return written;
    }

    /**
     * Compares two run folders, prints the table, writes diff.md and diff.json into the new one and returns the
     * number of regressions beyond noise.
     */
    public static long diff(Path baseRunDir, Path newRunDir, PrintStream console) {
        RunDiff.Report report = RunDiff.compare(Results.read(resultsOf(baseRunDir)), Results.read(resultsOf(newRunDir)));
        DiffOutput.print(report, console);
        console.println("Wrote " + DiffOutput.writeMarkdown(report, newRunDir) + " and " + DiffOutput.writeJson(report, newRunDir));
        return report.count(RunDiff.Verdict.REGRESSION);
    }

    private static Path resultsOf(Path runDir) {
        Path results = runDir.resolve(RESULTS);
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException(runDir + " holds no " + RESULTS + ": is it a run folder (reports/runs/<UTC time>)?");
        }
        return results;
    }
}
