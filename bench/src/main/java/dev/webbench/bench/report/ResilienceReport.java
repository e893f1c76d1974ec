package dev.webbench.bench.report;

import dev.webbench.bench.model.ResilienceResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resilience section of the reports, from a {@code ./compare resilience} run folder: per target, the faults
 * survived (errors during each, slowest answer, recovery time), whether acknowledged writes survived SIGTERM, and
 * the load held over the soak with its memory and thread trend. index.html needs no script; summary.md is the
 * same in Markdown.
 */
final class ResilienceReport {
    /** What the kit's hostile groups send, in ./mvnw verify (contract point 10) and per target here. */
    static final List<String> HOSTILE_GROUPS = List.of(
            "the HTTP/1.1 protocol corpus: request line, target forms, Host, field syntax, Content-Length and Transfer-Encoding "
                    + "disguises, chunked framing, smuggling, pipelining, methods, paths (RFC 9112/9110, CONTRACT.md Protocol rules)",
            "the WebSocket corpus: handshake refusals, masking, RSV bits, opcodes, control frames, fragmentation, UTF-8, close codes (RFC 6455)",
            "floods that never read: pings on /counter, pipelined requests; a stuck reader that fills both socket buffers",
            "slow clients at scale: over 1,000 sockets trickling headers and bodies or reading slowly, while /brands is timed",
            "oversized headers and request lines, slowloris, deeply nested JSON, huge numbers, a 10 MB body");

    private ResilienceReport() {
    }

    static List<Path> write(ResilienceResults results, Path runDir) {
        List<List<String>> rows = new ArrayList<>();
        for (ResilienceResults.TargetResult t : results.targets()) {
            rows.add(row(t));
        }
        List<String> headers = List.of("target", "database restart", "pool exhaustion", "stuck reader among 100",
                "SIGTERM under POST load", "soak: requests (non-2xx)", "RSS start → end (max)", "threads start → end",
                "hostile cases", "verdict");
        try {
            Path html = runDir.resolve("index.html");
            Files.writeString(html, html(results, headers, rows), StandardCharsets.UTF_8);
            Path markdown = runDir.resolve("summary.md");
            Files.writeString(markdown, markdown(results, headers, rows), StandardCharsets.UTF_8);
            return List.of(html, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the resilience report into " + runDir, e);
        }
    }

    private static List<String> row(ResilienceResults.TargetResult t) {
        ResilienceResults.Soak soak = t.soak();
        long nonSuccess = soak.statuses().entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != 201)
                .mapToLong(Map.Entry::getValue).sum();
        return List.of(t.target(), fault(t, "database-restart"), fault(t, "pool-exhaustion"),
                find(t, "slow-consumer").map(f -> f.passed() ? String.format(Locale.ROOT, "slowest update %.0f ms", f.maxLatencyMillis())
                        : "FAILED: " + f.note()).orElse(Formats.NOT_MEASURED),
                find(t, "shutdown-under-load").map(f -> (f.passed() ? "" : "FAILED: ") + f.note()).orElse(Formats.NOT_MEASURED),
                String.format(Locale.ROOT, "%,d (%d)", soak.requests(), nonSuccess),
                String.format(Locale.ROOT, "%s → %s (%s)", Formats.mib(soak.rssStartKib()), Formats.mib(soak.rssEndKib()), Formats.mib(soak.rssMaxKib())),
                soak.threadsStart() + " → " + soak.threadsEnd(), hostile(t.hostile()),
                t.passed() ? "survived" : "FAILED" + (soak.leakSuspected() ? " (memory keeps growing)" : ""));
    }

    private static String hostile(ResilienceResults.Hostile hostile) {
        if (hostile == null) {
            return Formats.NOT_MEASURED;
        }
        String counts = String.format(Locale.ROOT, "%,d tried, %,d failed", hostile.tried(), hostile.failed())
                + (hostile.skipped() > 0 ? String.format(Locale.ROOT, ", %d skipped", hostile.skipped()) : "");
        return hostile.passed() ? counts : "FAILED: " + counts + hostile.failures().stream().limit(3)
                .map(f -> f.lines().findFirst().orElse(f)).collect(java.util.stream.Collectors.joining("; ", " (", hostile.failures().size() > 3 ? "; …)" : ")"));
    }

    private static String fault(ResilienceResults.TargetResult t, String name) {
        return find(t, name).map(f -> f.recoveryMillis() == null ? f.note()
                : String.format(Locale.ROOT, "%s%d errors, slowest %.0f ms, back in %.0f ms", f.passed() ? "" : "FAILED: ", f.errors(),
                        f.maxLatencyMillis(), f.recoveryMillis())).orElse(Formats.NOT_MEASURED);
    }

    private static java.util.Optional<ResilienceResults.Fault> find(ResilienceResults.TargetResult t, String name) {
        return t.faults().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static String html(ResilienceResults results, List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>webbench resilience ")
                .append(Html.escape(Formats.timestamp(results.startedAt()))).append("</title>\n<style>\n")
                .append(HtmlReport.resource("report.css")).append("</style>\n</head>\n<body>\n<h1>Resilience</h1>\n");
        if (results.failed()) {
            out.append("<div id=\"problems\" class=\"alert\"><p>At least one target FAILED a drill; see the red rows.</p></div>\n");
        }
        out.append("<p>").append(Html.escape(method(results))).append("</p>\n");
        List<Html.Row> tableRows = new ArrayList<>();
        for (List<String> row : rows) {
            tableRows.add(new Html.Row(row.getLast().startsWith("FAILED") ? "failed" : null, row));
        }
        Html.table(out, "Faults survived, load held, nothing lost", headers, tableRows);
        out.append("<h2>Hostile clients tried</h2>\n<p>The conformance kit's hostile groups, run against each target above (the "
                + "<em>hostile cases</em> column; each case's outcome is in <code>logs/&lt;target&gt;-hostile.txt</code>) and against every "
                + "implementation in <code>./mvnw verify</code> (contract point 10), where a failure fails the build:</p>\n<ul>\n");
        HOSTILE_GROUPS.forEach(input -> out.append("<li>").append(Html.escape(input)).append("</li>\n"));
        return out.append("</ul>\n</body>\n</html>\n").toString();
    }

    private static String markdown(ResilienceResults results, List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# Resilience\n\n");
        if (results.failed()) {
            out.append("**At least one target FAILED a drill.**\n\n");
        }
        out.append(Markdown.text(method(results))).append("\n\n");
        List<List<String>> escaped = rows.stream().map(r -> r.stream().map(Markdown::text).toList()).toList();
        Markdown.table(out, headers, escaped);
        out.append("\n## Hostile clients tried\n\nThe conformance kit's hostile groups, run against each target above (each case's outcome "
                + "in `logs/<target>-hostile.txt`) and against every implementation in `./mvnw verify` (contract point 10):\n\n");
        HOSTILE_GROUPS.forEach(input -> out.append("- ").append(Markdown.text(input)).append('\n'));
        return out.toString();
    }

    private static String method(ResilienceResults results) {
        return String.format(Locale.ROOT, "Run %s against %s PostgreSQL. Database restart: 8 clients on /products/{id}, the database down "
                        + "for 3 s. Pool exhaustion: 20 clients on /brands while another session holds LOCK TABLE brand. Allowed during a "
                        + "fault: 200, or 503 within 2 × DB_TIMEOUT_MS + 1.5 s; recovery must follow within 20 s. Soak: %d s of mixed load "
                        + "(70%% product-by-id, 20%% brands, 10%% create) with RSS and threads sampled every second.",
                Formats.timestamp(results.startedAt()), results.postgresProvider(), results.soakSeconds());
    }
}
