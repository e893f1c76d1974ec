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
 * The resilience section of the reports, from a {@code ./compare resilience} run folder: per target, the database
 * faults survived with their write ledger (lost, duplicated, ambiguous POSTs; slowest answer; recovery time), whether
 * acknowledged writes survived SIGTERM, and
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
        List<String> headers = List.of("target", "database faults", "stuck reader among 100", "SIGTERM under load", "soak: requests (non-2xx)", "RSS start → end (max)", "threads start → end",
                "hostile cases", "verdict");
        try {
            Path html = runDir.resolve("index.html");
            List<List<String>> ledgerRows = ledgerRows(results);
            Files.writeString(html, html(results, headers, rows, ledgerRows), StandardCharsets.UTF_8);
            Path markdown = runDir.resolve("summary.md");
            Files.writeString(markdown, markdown(results, headers, rows, ledgerRows), StandardCharsets.UTF_8);
            return List.of(html, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the resilience report into " + runDir, e);
        }
    }

    private static List<String> row(ResilienceResults.TargetResult t) {
        ResilienceResults.Soak soak = t.soak();
        long nonSuccess = soak.statuses().entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != 201)
                .mapToLong(Map.Entry::getValue).sum();
        return List.of(t.target(), databaseFaults(t),
                find(t, "slow-consumer").map(f -> f.passed() ? String.format(Locale.ROOT, "slowest update %.0f ms", f.maxLatencyMillis())
                        : "FAILED: " + f.note()).orElse(Formats.NOT_MEASURED),
                find(t, ResilienceResults.TargetResult.SHUTDOWN_UNDER_LOAD).map(f -> (f.passed() ? "" : "FAILED: ") + f.note()).orElse(Formats.NOT_MEASURED),
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

    /**
     * The kit's faults with their ledgers summed up (schema 4); older runs had a database restart and a pool
     * exhaustion without a ledger, shown as they were.
     */
    private static String databaseFaults(ResilienceResults.TargetResult t) {
        List<ResilienceResults.Fault> ledgered = t.ledgeredDatabaseFaults();
        if (ledgered.isEmpty()) {
            return find(t, "database-faults").map(ResilienceResults.Fault::note)
                    .orElseGet(() -> "restart: " + fault(t, "database-restart") + "; pool exhaustion: " + fault(t, "pool-exhaustion"));
        }
        ResilienceResults.Ledger sum = t.databaseLedger();
        List<String> failed = ledgered.stream().filter(f -> !f.passed()).map(ResilienceResults.Fault::name).toList();
        double slowest = ledgered.stream().map(ResilienceResults.Fault::maxLatencyMillis).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        double recovery = ledgered.stream().map(ResilienceResults.Fault::recoveryMillis).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, "%s%d faults, %,d POSTs: %d lost, %d duplicated, %d written wrongly, %d ambiguous; slowest %.0f ms; "
                        + "back within %.0f ms", failed.isEmpty() ? "" : "FAILED " + String.join(", ", failed) + ": ", ledgered.size(), sum.posts(),
                sum.lost(), sum.duplicated(), sum.wrong(), sum.ambiguous(), slowest, recovery);
    }

    /** One row per target and fault that kept a ledger, for the table of what became of every write. */
    private static List<List<String>> ledgerRows(ResilienceResults results) {
        List<List<String>> rows = new ArrayList<>();
        for (ResilienceResults.TargetResult t : results.targets()) {
            for (ResilienceResults.Fault f : t.faults()) {
                ResilienceResults.Ledger l = f.ledger();
                if (l == null) {
                    continue;
                }
                rows.add(List.of(t.target(), f.name(), String.format(Locale.ROOT, "%,d", l.posts()), String.valueOf(l.confirmed()),
                        String.valueOf(l.refused()), String.valueOf(l.ambiguous()), String.valueOf(l.lost()), String.valueOf(l.duplicated()),
                        String.valueOf(l.wrong()), f.maxLatencyMillis() == null ? Formats.NOT_MEASURED : String.format(Locale.ROOT, "%.0f ms", f.maxLatencyMillis()),
                        f.recoveryMillis() == null ? Formats.NOT_MEASURED : String.format(Locale.ROOT, "%.2f s", f.recoveryMillis() / 1000),
                        (f.passed() ? "ok" : "FAILED") + (f.note().isEmpty() ? "" : ": " + f.note())));
            }
        }
        return rows;
    }

    static final List<String> LEDGER_HEADERS = List.of("target", "fault", "POSTs", "confirmed", "refused", "ambiguous", "lost", "duplicated",
            "written wrongly", "slowest answer", "recovery", "verdict");

    private static String fault(ResilienceResults.TargetResult t, String name) {
        return find(t, name).map(f -> f.recoveryMillis() == null ? f.note()
                : String.format(Locale.ROOT, "%s%d errors, slowest %.0f ms, back in %.0f ms", f.passed() ? "" : "FAILED: ", f.errors(),
                        f.maxLatencyMillis(), f.recoveryMillis())).orElse(Formats.NOT_MEASURED);
    }

    private static java.util.Optional<ResilienceResults.Fault> find(ResilienceResults.TargetResult t, String name) {
        return t.faults().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static String html(ResilienceResults results, List<String> headers, List<List<String>> rows, List<List<String>> ledgerRows) {
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
        if (!ledgerRows.isEmpty()) {
            out.append("<h2>What became of every write</h2>\n<p>").append(Html.escape(LEDGER_METHOD)).append("</p>\n");
            Html.table(out, "Database faults and SIGTERM, per POST", LEDGER_HEADERS, ledgerRows.stream()
                    .map(row -> new Html.Row(row.getLast().startsWith("FAILED") ? "failed" : null, row)).toList());
        }
        out.append("<h2>Hostile clients tried</h2>\n<p>The conformance kit's hostile groups, run against each target above (the "
                + "<em>hostile cases</em> column; each case's outcome is in <code>logs/&lt;target&gt;-hostile.txt</code>) and against every "
                + "implementation in <code>./mvnw verify</code> (contract point 10), where a failure fails the build:</p>\n<ul>\n");
        HOSTILE_GROUPS.forEach(input -> out.append("<li>").append(Html.escape(input)).append("</li>\n"));
        return out.append("</ul>\n</body>\n</html>\n").toString();
    }

    private static String markdown(ResilienceResults results, List<String> headers, List<List<String>> rows, List<List<String>> ledgerRows) {
        StringBuilder out = new StringBuilder(4096);
        out.append("# Resilience\n\n");
        if (results.failed()) {
            out.append("**At least one target FAILED a drill.**\n\n");
        }
        out.append(Markdown.text(method(results))).append("\n\n");
        List<List<String>> escaped = rows.stream().map(r -> r.stream().map(Markdown::text).toList()).toList();
        Markdown.table(out, headers, escaped);
        if (!ledgerRows.isEmpty()) {
            out.append("\n## What became of every write\n\n").append(Markdown.text(LEDGER_METHOD)).append("\n\n");
            Markdown.table(out, LEDGER_HEADERS, ledgerRows.stream().map(r -> r.stream().map(Markdown::text).toList()).toList());
        }
        out.append("\n## Hostile clients tried\n\nThe conformance kit's hostile groups, run against each target above (each case's outcome "
                + "in `logs/<target>-hostile.txt`) and against every implementation in `./mvnw verify` (contract point 10):\n\n");
        HOSTILE_GROUPS.forEach(input -> out.append("- ").append(Markdown.text(input)).append('\n'));
        return out.toString();
    }

    static final String LEDGER_METHOD = "Each POST carries a product name of its own; after the fault the table says what it did. Confirmed: "
            + "201 and exactly its row. Refused: an error or no answer, and no row. Ambiguous: 503 or no answer, yet the row exists (the "
            + "commit happened, its acknowledgement was lost; allowed only for a request in flight when a stop, kill or freeze struck, "
            + "and never at SIGTERM). Lost (201, no row), duplicated and written wrongly must be 0.";

    private static String method(ResilienceResults results) {
        return String.format(Locale.ROOT, "Run %s against %s PostgreSQL. Database faults (the conformance kit's, on the target as the bench "
                        + "starts it, DB_TIMEOUT_MS 2000): 8 clients alternating GETs and uniquely named POSTs through a fast and an immediate "
                        + "restart, the server's sessions killed every 200 ms, a SIGSTOP freeze past the bound, a read-only database, a full "
                        + "connection table, rejected inserts, and a second server process started while the database is down. Allowed: 200/201, "
                        + "or a JSON 503 (500 for a rejected insert), every answer within 2 × DB_TIMEOUT_MS + 1.5 s; service clean again within "
                        + "20 s. Soak: %d s of mixed load (70%% product-by-id, 20%% brands, 10%% create) with RSS and threads sampled every second.",
                Formats.timestamp(results.startedAt()), results.postgresProvider(), results.soakSeconds());
    }
}
