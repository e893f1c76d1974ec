package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * index.html: one self-contained page (ECharts, styles, data and script inlined) that opens from disk. Every chart
 * sits above a table with the same numbers, so the page is complete without JavaScript and readable by a screen
 * reader. Errors and warnings come first, in red.
 */
final class HtmlReport {
    static final String FILE = "index.html";

    private final RunView run;
    private final PageCharts pageCharts;
    private final List<PageCharts.Chart> charts = new ArrayList<>();
    /** The sections, written before the page around them. */
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport(RunView run) {
        this.run = run;
        this.pageCharts = new PageCharts(run);
    }

    static Path write(RunView run, Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            Files.writeString(file, render(run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static String render(RunView run) {
        return new HtmlReport(run).page();
    }

    private String page() {
        problems();
        findings();
        throughput();
        out.append(CostSection.html(run));
        latency();
        efficiency();
        webSocket();
        out.append(PeerSection.html(run));
        out.append(JmhSection.html(run));
        environment();
        measurements();
        // The sections are written first so that the chart count is known for the status element at the top.
        Results results = run.results();
        String title = "webbench run " + results.runId();
        StringBuilder page = new StringBuilder(out.length() + 1_200_000);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        // The page reports on itself here; the browser test reads these attributes from the dumped DOM.
        page.append("<div id=\"report-status\" role=\"status\" hidden data-charts-expected=\"").append(charts.size())
                .append("\" data-charts-rendered=\"0\" data-js-errors=\"0\"></div>\n")
                .append("<script>\n").append(resource("errors.js")).append("</script>\n");
        page.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n<p>")
                .append(Html.escape(String.format(Locale.ROOT, "%s mode, %s to %s (UTC). Medians of %d repetitions of %d s with min-max spread; "
                                + "never best-of-N.", results.settings().mode(), Formats.timestamp(results.startedAt()), Formats.timestamp(results.finishedAt()),
                        results.settings().repetitions(), results.settings().durationSeconds())))
                .append("</p>\n<nav aria-label=\"Sections\"><a href=\"#problems\">Errors and warnings</a> · <a href=\"#findings\">Findings</a> · "
                        + "<a href=\"#throughput\">Throughput</a> · <a href=\"#cost\">Cost per request</a> · <a href=\"#latency\">Latency</a> · "
                        + "<a href=\"#ladder\">Latency at fixed rates</a> · <a href=\"#efficiency\">Efficiency</a> · "
                        + "<a href=\"#websocket\">WebSocket</a> · <a href=\"#environment\">Environment and method</a> · "
                        + "<a href=\"#measurements\">Every repetition</a></nav>\n</header>\n<main>\n")
                .append(out)
                .append("</main>\n<noscript><p>JavaScript is off: the charts are not drawn, but every number is in the tables.</p></noscript>\n");
        page.append("<script>\n").append(EchartsBundle.script()).append("\n</script>\n")
                .append("<script type=\"application/json\" id=\"report-data\">").append(ReportJson.forScriptBlock(Map.of("charts", charts)))
                .append("</script>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    private void problems() {
        Results results = run.results();
        List<Results.Summary> failed = run.failed();
        List<Results.Ladder> failedLadders = run.failedLadders();
        List<Results.WebSocketRun> failedWebSockets = run.failedWebSockets();
        boolean latencyFailed = !failedLadders.isEmpty() || !failedWebSockets.isEmpty();
        boolean clean = failed.isEmpty() && !latencyFailed && !results.failed() && results.warnings().isEmpty();
        out.append("<section id=\"problems\" class=\"").append(clean ? "clean" : "alert").append("\">\n<h2>Errors and warnings</h2>\n");
        if (clean) {
            out.append("<p>No failed results and no warnings in this run.</p>\n");
        } else {
            out.append("<ul>\n");
            if (!failed.isEmpty() || results.failed() && !latencyFailed) {
                out.append("<li class=\"failed\"><strong>FAILED</strong>: ").append(failed.size())
                        .append(" result(s) saw non-2xx answers or socket errors; they are marked FAILED below and left out of every ranking.</li>\n");
            }
            for (Results.Summary s : failed) {
                out.append("<li class=\"failed\">FAILED: ").append(Html.escape(s.target() + " · " + s.workload() + ": " + s.errors() + " errors"))
                        .append(Html.escape(errorDetail(s))).append("</li>\n");
            }
            if (latencyFailed) {
                out.append("<li class=\"failed\"><strong>FAILED</strong>: ").append(Html.escape(String.format(Locale.ROOT,
                        "%d of %d latency ladder(s) and %d of %d WebSocket run(s); they are marked FAILED in their tables and have no headline.",
                        failedLadders.size(), run.ladders().size(), failedWebSockets.size(), run.websockets().size()))).append("</li>\n");
            }
            for (Results.Ladder ladder : failedLadders) {
                out.append("<li class=\"failed\">FAILED: ").append(Html.escape(ladder.target() + " · latency ladder " + ladder.endpoint() + ": "
                        + Findings.ladderFailure(ladder))).append(" (<a href=\"#").append(LadderSection.anchor(ladder.endpoint()))
                        .append("\">table</a>)</li>\n");
            }
            for (Results.WebSocketRun ws : failedWebSockets) {
                // In short: the problems in full are in the table and among the warnings below.
                out.append("<li class=\"failed\">FAILED: ").append(Html.escape(String.format(Locale.ROOT, "%s · WebSocket counter, %,d clients: %s",
                        ws.target(), ws.clients(), Findings.webSocketFailure(ws, run.latencyPhase().orElseThrow().settings().broadcastRounds()))))
                        .append(" (<a href=\"#websocket\">table</a>)</li>\n");
            }
            for (String warning : results.warnings()) {
                out.append("<li class=\"failed\">WARNING: ").append(Html.escape(warning)).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        int noisy = run.noisy().size();
        if (noisy > 0) {
            out.append("<p class=\"noisy-note\">").append(Html.escape(String.format(Locale.ROOT,
                    "%d of %d results are NOISY (fewer than 3 repetitions or a coefficient of variation above %s); their rows are marked.",
                    noisy, results.summaries().size(), Formats.percent(Stats.NOISY_CV)))).append("</p>\n");
        }
        out.append("</section>\n");
    }

    /** Which repetitions failed and with what kind of error, from the raw measurements. */
    private String errorDetail(Results.Summary summary) {
        List<String> reps = run.results().measurements().stream()
                .filter(m -> m.target().equals(summary.target()) && m.workload().equals(summary.workload()) && !m.ok())
                .map(m -> String.format(Locale.ROOT, "rep %d: connect %d, read %d, write %d, status %d, timeout %d", m.repetition(),
                        m.errors().connect(), m.errors().read(), m.errors().write(), m.errors().status(), m.errors().timeout()))
                .toList();
        return reps.isEmpty() ? "" : " (" + String.join("; ", reps) + ")";
    }

    private void findings() {
        out.append("<section id=\"findings\">\n<h2>Findings</h2>\n<ul>\n");
        for (String finding : Findings.of(run)) {
            out.append(finding.startsWith("FAILED") ? "<li class=\"failed\">" : "<li>").append(Html.escape(finding)).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private void throughput() {
        out.append("<section id=\"throughput\">\n<h2>Throughput</h2>\n<p>Median requests per second of each target, with the "
                + "median's confidence interval as whiskers (order statistics: 95% from 6 repetitions; with fewer, the minimum and "
                + "maximum, whose coverage the summary states). Grey bars are the ceilings measured in the same run; amber bars are "
                + "NOISY, red bars FAILED.</p>\n");
        for (String workload : run.workloads()) {
            out.append("<h3>").append(Html.escape(workload)).append("</h3>\n");
            chart(pageCharts.throughput(workload));
            List<Html.Row> rows = new ArrayList<>();
            for (Results.Summary s : run.summaries(workload)) {
                Stats rps = s.requestsPerSecond();
                rows.add(new Html.Row(rowClass(s), List.of(run.label(s.target()), Formats.rate(rps.median()), Formats.rate(rps.min()),
                        Formats.rate(rps.max()), Formats.percent(rps.cv()), String.valueOf(rps.n()), String.valueOf(s.connections()),
                        Formats.dbBudget(run.target(s.target()).map(Results.TargetInfo::dbBudget).orElse(null)),
                        Formats.ratio(s.ratioToHttpCeiling()), CeilingNotes.dbRatio(s), CeilingNotes.generatorRatio(s), statusText(s))));
            }
            Html.table(out, workload + ": requests per second", List.of("target", "median req/s", "min", "max", "CV", "n", "connections",
                    "DB in flight (conns × pipelining)", "× HTTP ceiling", "× DB ceiling (own budget)", "× generator ceiling", "status"), rows);
        }
        out.append(WarmUpSection.html(run));
        out.append("<h3>Share of the ceilings</h3>\n<p>Each median over the same run's ceiling: /time over the HTTP ceiling, "
                + "product-by-id over the database ceiling at the target's own budget (named in the table), every workload over the "
                + "generator ceiling. A ceiling a target measured above beyond the noise is invalidated and gets no ratio.</p>\n<ul>\n");
        CeilingNotes.measured(run).forEach(line -> out.append("<li>").append(Html.escape(line)).append("</li>\n"));
        out.append("</ul>\n");
        Optional<PageCharts.Chart> http = pageCharts.httpCeilingRatios();
        Optional<PageCharts.Chart> db = pageCharts.dbCeilingRatios();
        http.ifPresentOrElse(this::chart, () -> out.append("<p class=\"placeholder\">No HTTP ceiling in this run.</p>\n"));
        db.ifPresentOrElse(this::chart, () -> out.append("<p class=\"placeholder\">No database ceiling ratio in this run.</p>\n"));
        out.append("</section>\n");
    }

    private void latency() {
        out.append("<section id=\"latency\">\n<h2>Latency</h2>\n<p>wrk's percentiles, each the median over the repetitions. Both axes "
                + "are logarithmic; the percentile axis is HdrHistogram's, so p90, p99 and p99.9 sit a decade apart. wrk is a closed model: "
                + "under saturation it waits instead of sending, which hides queueing (coordinated omission). Compare targets with it; do not "
                + "read it as the latency users would see.</p>\n");
        List<String> headers = new ArrayList<>(List.of("target"));
        Arrays.stream(Percentile.values()).map(p -> p.label() + " ms").forEach(headers::add);
        headers.add("status");
        for (String workload : run.latencyWorkloads()) {
            out.append("<h3>").append(Html.escape(workload)).append("</h3>\n");
            chart(pageCharts.latency(workload));
            List<Html.Row> rows = new ArrayList<>();
            for (Results.Summary s : run.summaries(workload)) {
                Map<Percentile, Double> latency = run.latency(s.target(), workload);
                if (latency.isEmpty()) {
                    continue;
                }
                List<String> cells = new ArrayList<>(List.of(s.target()));
                Arrays.stream(Percentile.values()).map(p -> Formats.millis(latency.get(p))).forEach(cells::add);
                cells.add(statusText(s));
                rows.add(new Html.Row(rowClass(s), cells));
            }
            Html.table(out, workload + ": latency percentiles (closed-model wrk)", headers, rows);
        }
        out.append("<div id=\"ladder\">\n<h3>Latency against throughput (open-model load ladder)</h3>\n");
        if (run.hasLadders()) {
            LadderSection.html(run, pageCharts, out, this::chart);
        } else if (run.latencyPhase().isPresent()) {
            out.append("<div class=\"placeholder\" data-placeholder=\"gatling-ladder\"><p><strong>Not measured in this run.</strong> "
                    + "The smoke run (--quick) has no ladder: an open-model ladder needs CPUs to spare that a small machine running "
                    + "everything does not have. Run the full mode, or add --rates for fixed rates of your own.</p></div>\n");
        } else {
            out.append("<div class=\"placeholder\" data-placeholder=\"gatling-ladder\"><p><strong>Not measured in this run.</strong> "
                    + "A Gatling ladder at fixed arrival rates gives latency at each offered load, free of coordinated omission; this "
                    + "run's results.json has none (it predates the ladders, or ./compare ran with --skip-latency).</p></div>\n");
        }
        out.append("</div>\n</section>\n");
    }

    private void efficiency() {
        out.append("<section id=\"efficiency\">\n<h2>Efficiency</h2>\n<p>Requests per CPU-second of the server process (user + system "
                + "time from /proc during each window), resident memory, startup to the first good response, jar size and lines of main "
                + "Java source.</p>\n");
        pageCharts.cpuEfficiency().ifPresent(this::chart);
        pageCharts.memory().ifPresent(this::chart);
        pageCharts.startup().ifPresent(this::chart);
        List<String> workloads = run.workloads();
        List<String> headers = new ArrayList<>(List.of("target"));
        workloads.forEach(w -> headers.add(w + " req/CPU-s"));
        headers.addAll(List.of("RSS idle", "RSS peak", "startup", "jar", "LOC"));
        List<Html.Row> rows = new ArrayList<>();
        for (Results.TargetInfo t : run.results().targets()) {
            List<String> cells = new ArrayList<>(List.of(t.name()));
            workloads.forEach(w -> cells.add(Formats.rate(run.summary(t.name(), w).map(Results.Summary::requestsPerCpuSecondMedian).orElse(null))));
            cells.addAll(List.of(Formats.mib(t.rssIdleKib()), Formats.mib(t.rssPeakKib()), Formats.startup(t.startupMillis()),
                    Formats.jarSize(t.jarBytes()), Formats.lines(t.sourceLines())));
            rows.add(new Html.Row(run.isCeiling(t.name()) ? "ceiling" : null, cells));
        }
        Html.table(out, "Efficiency per target (n/a: not measured, e.g. an external server's CPU)", headers, rows);
        out.append("</section>\n");
    }

    private void webSocket() {
        out.append("<section id=\"websocket\">\n<h2>WebSocket</h2>\n");
        if (run.latencyPhase().isPresent()) {
            WebSocketSection.html(run, out);
        } else {
            out.append("<div class=\"placeholder\" data-placeholder=\"websocket\"><p><strong>Not measured in this run.</strong> "
                    + "The /counter broadcast under many clients is measured with the latency phase, which this run's results.json does "
                    + "not have (it predates it, or ./compare ran with --skip-latency).</p></div>\n");
        }
        out.append("</section>\n");
    }

    private void environment() {
        Results.EnvironmentInfo env = run.results().environment();
        Results.Settings settings = run.results().settings();
        out.append("<section id=\"environment\">\n<h2>Environment and method</h2>\n<dl>\n");
        term("Machine", String.format(Locale.ROOT, "%s, %d cores, %,d MiB memory; %s, kernel %s", env.cpuModel(), env.cores(),
                env.memoryMib(), env.os(), env.kernel()));
        term("Load average at start", String.format(Locale.ROOT, "%.2f (1 minute, before anything started)", env.loadAverageAtStart()));
        term("JDK", env.jdk());
        term("JVM flags (every started target)", String.join(" ", settings.jvmFlags()));
        term("PostgreSQL", env.postgresVersion() + " (" + env.postgresProvider() + ")");
        term("Load generator", env.wrkVersion() + String.format(Locale.ROOT, "; -t%d -c%d, closed model", settings.wrkThreads(),
                settings.connections()));
        run.latencyPhase().map(Results.Latency::settings).ifPresent(latency -> term("Latency phase", String.format(Locale.ROOT,
                "%s; ladder steps of %d s after %d s of warm-up, SLO p99 ≤ %s ms; WebSocket runs with %s clients, %d broadcast rounds each",
                latency.generator(), latency.stepSeconds(), latency.warmupSeconds(), Formats.sloMillis(latency.sloMillis()),
                String.join(", ", latency.websocketClients().stream().map(String::valueOf).toList()), latency.broadcastRounds())));
        term("Repetitions", String.format(Locale.ROOT, "%d × %d s per workload, interleaved across targets; %d s primer and %d s warm-up "
                        + "per target and workload, not measured", settings.repetitions(), settings.durationSeconds(), settings.primerSeconds(),
                settings.warmupSeconds()));
        term("Scenarios", String.join(", ", settings.scenarios()) + (settings.sweepConnections().isEmpty() ? ""
                : "; product-by-id sweep at " + settings.sweepConnections() + " connections"));
        term("Noise flag", String.format(Locale.ROOT, "NOISY when fewer than 3 repetitions or the coefficient of variation exceeds %s",
                Formats.percent(Stats.NOISY_CV)));
        term("CPU topology", CostSection.topology(run.results()));
        term("Database ceiling", settings.dbCeilingConnections() + " JDBC connections running the product-by-id query");
        term("Source", env.gitCommit() + (env.gitDirty() ? " with uncommitted changes" : ""));
        term("Note", env.note());
        out.append("</dl>\n</section>\n");
    }

    private void measurements() {
        List<Html.Row> rows = new ArrayList<>();
        for (Results.Measurement m : run.results().measurements()) {
            rows.add(new Html.Row(m.ok() ? null : "failed", List.of(m.target(), m.workload(), String.valueOf(m.repetition()),
                    String.valueOf(m.order()), Formats.rate(m.requestsPerSecond()), String.valueOf(m.errors().total()),
                    m.latencyMicros() == null ? Formats.NOT_MEASURED : Formats.millis((double) m.latencyMicros().p99()),
                    Formats.rate(m.requestsPerCpuSecond()), m.rawFile() == null ? "" : m.rawFile(), m.ok() ? "ok" : "FAILED")));
        }
        out.append("<section id=\"measurements\">\n<h2>Every repetition</h2>\n<details>\n<summary>")
                .append(rows.size()).append(" measurements in the order run (raw tool output beside this file)</summary>\n");
        Html.table(out, "Every measured repetition", List.of("target", "workload", "rep", "order", "req/s", "errors", "p99 ms", "req/CPU-s",
                "raw output", "status"), rows);
        out.append("</details>\n</section>\n");
    }

    private void chart(PageCharts.Chart chart) {
        charts.add(chart);
        out.append("<div class=\"chart\" id=\"").append(Html.escape(chart.id())).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape(chart.title() + "; the numbers are in the table below")).append("\"></div>\n");
    }

    private void term(String name, String value) {
        out.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
    }

    private String rowClass(Results.Summary summary) {
        return switch (run.status(summary)) {
            case FAILED -> "failed";
            case NOISY -> "noisy";
            case CEILING -> summary.noisy() ? "ceiling noisy" : "ceiling";
            case OK -> null;
        };
    }

    private String statusText(Results.Summary summary) {
        return switch (run.status(summary)) {
            case FAILED -> "FAILED: " + summary.errors() + " errors";
            case NOISY -> "NOISY";
            case CEILING -> summary.noisy() ? "ceiling, NOISY" : "ceiling";
            case OK -> "ok";
        };
    }


    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
