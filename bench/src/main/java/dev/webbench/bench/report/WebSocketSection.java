package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The WebSocket counter runs (results.json's {@code latency.websockets}) as index.html's WebSocket section and
 * summary.md's "WebSocket counter": Gatling's ramp, then the broadcast probe's timings and memory per idle connection.
 * Only called when the run has a latency phase; without one the page keeps its placeholder.
 */
final class WebSocketSection {
    /** The HTML table's columns; the target cell also links Gatling's report. */
    private static final List<String> HEADERS = List.of("target", "Gatling connect p50 / p99 ms", "sees everyone p99 ms",
            "probe connect p50 / p99 ms", "to each p50 / p99 ms", "to all p50 / p99 / max ms", "count-order violations", "heap KiB/conn",
            "RSS KiB/conn", "status");

    private WebSocketSection() {
    }

    static void html(RunView run, StringBuilder out) {
        Results.LatencySettings settings = run.latencyPhase().orElseThrow().settings();
        out.append("<p>").append(Html.escape(String.format(Locale.ROOT, "Gatling ramps the clients onto /counter (100 a second, at least "
                + "2 s) and times every virtual user on its own, in whole milliseconds: its connect, and \"sees everyone\", from its connect "
                + "until its count equals the number of clients. Broadcast latency spans users (from one client's connect until every other "
                + "client has seen the new count), which Gatling cannot time, so a purpose-built probe (JDK WebSocket client, HdrHistogram in "
                + "microseconds, shown as ms with one decimal) then connects as many listeners, checks that every count arrives in the "
                + "contract's order, and in each of %d rounds connects one more client and times the new count's delivery to each listener "
                + "and to all of them. Memory per idle connection is the server's heap after a full GC requested with jcmd, and its RSS, "
                + "with every listener connected minus before, divided by their number.", settings.broadcastRounds()))).append("</p>\n");
        if (run.websockets().isEmpty()) {
            out.append("<p class=\"placeholder\">The latency phase ran, but no WebSocket run was made.</p>\n");
            return;
        }
        for (int clients : run.websocketClientCounts()) {
            out.append("<h3>").append(String.format(Locale.ROOT, "%,d clients", clients)).append("</h3>\n");
            out.append("<table class=\"numbers websocket\">\n<caption>").append(Html.escape(String.format(Locale.ROOT,
                    "/counter with %,d clients: Gatling's ramp, then the broadcast probe", clients))).append("</caption>\n<thead><tr>");
            HEADERS.forEach(h -> out.append("<th scope=\"col\">").append(Html.escape(h)).append("</th>"));
            out.append("</tr></thead>\n<tbody>\n");
            for (Results.WebSocketRun ws : run.websockets(clients)) {
                out.append(ws.failed() ? "<tr class=\"failed\">" : "<tr>").append("<th scope=\"row\">").append(Html.escape(ws.target()))
                        .append(ws.report() == null ? "" : "<br><a class=\"report\" href=\"" + Html.escape(ws.report()) + "\">Gatling report</a>")
                        .append("</th>");
                List<String> cells = List.of(gatling(ws.gatlingConnectMillis(), false), gatling(ws.gatlingSeesAllMillis(), true),
                        probe(ws.connectMicros(), false), probe(ws.deliveryEachMicros(), false), probe(ws.deliveryAllMicros(), true),
                        String.format(Locale.ROOT, "%,d", ws.sequenceViolations()), heapPerConnection(ws.memory()),
                        rssPerConnection(ws.memory()), status(ws, settings));
                cells.forEach(c -> out.append("<td>").append(Html.escape(c)).append("</td>"));
                out.append("</tr>\n");
                if (ws.failed()) {
                    out.append("<tr class=\"failed\"><td colspan=\"").append(HEADERS.size()).append("\" class=\"problem\">")
                            .append(Html.escape("FAILED: " + ws.target() + ": " + String.join("; ", ws.problems()))).append("</td></tr>\n");
                }
            }
            out.append("</tbody>\n</table>\n");
        }
    }

    /** summary.md's section: one row per target and client count, the problems of failed runs below. */
    static String markdown(RunView run) {
        Results.LatencySettings settings = run.latencyPhase().orElseThrow().settings();
        StringBuilder out = new StringBuilder("## WebSocket counter\n\n");
        out.append(Markdown.text("Gatling ramps the clients onto /counter and times each one until it sees everyone connected; broadcast "
                + "latency spans users, so a purpose-built probe (HdrHistogram) times a new count's delivery to each listener and to all of "
                + "them, over " + settings.broadcastRounds() + " rounds, and memory per idle connection (heap after a full GC, and RSS)."))
                .append("\n\n");
        if (run.websockets().isEmpty()) {
            out.append("No WebSocket run in this run.\n\n");
            return out.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Results.WebSocketRun ws : run.websockets()) {
            rows.add(List.of(Markdown.text(ws.target()), String.format(Locale.ROOT, "%,d", ws.clients()), gatling(ws.gatlingSeesAllMillis(), true),
                    probe(ws.deliveryEachMicros(), false), probe(ws.deliveryAllMicros(), false), String.valueOf(ws.sequenceViolations()),
                    heapPerConnection(ws.memory()), rssPerConnection(ws.memory()), ws.failed() ? Markdown.bold("FAILED") : "ok"));
        }
        Markdown.table(out, List.of("target", "clients", "sees everyone p99 ms (Gatling)", "to each p50 / p99 ms", "to all p50 / p99 ms",
                "count-order violations", "heap KiB/conn", "RSS KiB/conn", "status"), rows);
        out.append('\n');
        for (Results.WebSocketRun ws : run.failedWebSockets()) {
            out.append("- ").append(Markdown.bold("FAILED")).append(' ').append(Markdown.text(String.format(Locale.ROOT, "%s, %,d clients: %s",
                    ws.target(), ws.clients(), String.join("; ", ws.problems())))).append('\n');
        }
        if (!run.failedWebSockets().isEmpty()) {
            out.append('\n');
        }
        return out.toString();
    }

    /** Gatling's whole milliseconds: "20 / 426", or only the p99 (the sees-everyone column). */
    private static String gatling(Results.Percentiles ms, boolean p99Only) {
        if (ms == null) {
            return Formats.NOT_MEASURED;
        }
        return p99Only ? Formats.wholeMillis(ms.p99()) : Formats.wholeMillis(ms.p50()) + " / " + Formats.wholeMillis(ms.p99());
    }

    /** The probe's microseconds as ms with one decimal: "10.7 / 25.7", with the maximum for the to-all column. */
    private static String probe(Results.Percentiles micros, boolean withMax) {
        if (micros == null) {
            return Formats.NOT_MEASURED;
        }
        return Formats.tenthMillis(micros.p50()) + " / " + Formats.tenthMillis(micros.p99())
                + (withMax ? " / " + Formats.tenthMillis(micros.max()) : "");
    }

    static String heapPerConnection(Results.Memory memory) {
        return memory == null || memory.heapPerConnectionKib() == null ? Formats.NOT_MEASURED
                : String.format(Locale.ROOT, "%.1f", memory.heapPerConnectionKib());
    }

    static String rssPerConnection(Results.Memory memory) {
        return memory == null || memory.rssPerConnectionKib() == null ? Formats.NOT_MEASURED
                : String.format(Locale.ROOT, "%.1f", memory.rssPerConnectionKib());
    }

    private static String status(Results.WebSocketRun ws, Results.LatencySettings settings) {
        if (ws.failed()) {
            return "FAILED";
        }
        return ws.broadcastRounds() < settings.broadcastRounds()
                ? String.format(Locale.ROOT, "ok, %d of %d rounds", ws.broadcastRounds(), settings.broadcastRounds()) : "ok";
    }
}
