package dev.webbench.bench.report;

import dev.webbench.bench.model.ResilienceResults;
import dev.webbench.bench.model.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports of a run folder, all rendered from its results.json (and jmh.json, if ./compare jmh wrote one there):
 * index.html and summary.md with its PNG charts; between two runs, {@code report.diff} writes diff.md and diff.json.
 */
public final class RunReport {
    public static final String RESULTS = "results.json";

    private RunReport() {
    }

    /** Renders every report into {@code runDir} and returns the files written. */
    public static List<Path> render(Path runDir) {
        Path resilience = runDir.resolve(ResilienceResults.FILE);
        if (!Files.isRegularFile(runDir.resolve(RESULTS)) && Files.isRegularFile(resilience)) {
            return ResilienceReport.write(ResilienceResults.read(resilience), runDir);
        }
        RunView run = new RunView(results(runDir), runDir);
        List<Path> written = new ArrayList<>();
        written.add(HtmlReport.write(run, runDir));
        List<PngCharts.Png> charts = PngCharts.write(run, runDir);
        written.add(MarkdownSummary.write(run, runDir, charts));
        charts.forEach(c -> written.add(runDir.resolve(c.file())));
        return written;
    }

    /** The results of a run folder, failing with a hint when it holds none. */
    public static Results results(Path runDir) {
        return Results.read(resultsOf(runDir));
    }

    private static Path resultsOf(Path runDir) {
        Path results = runDir.resolve(RESULTS);
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException(runDir + " holds no " + RESULTS + ": is it a run folder (reports/runs/<UTC time>)?");
        }
        return results;
    }
}
