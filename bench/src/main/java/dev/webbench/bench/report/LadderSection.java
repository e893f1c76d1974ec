package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The open-model latency ladders (results.json's {@code latency.ladders}) as a subsection of index.html's Latency and
 * as summary.md's "Latency at fixed arrival rates": per endpoint a chart of p99 against arrival rate, then every
 * step's numbers. Only called when the run has a latency phase; without one the pages keep their placeholders.
 */
final class LadderSection {
    /** The HTML table's step columns; each target's rows open with a row naming it, its wrk peak, headline and Gatling report. */
    private static final List<String> HEADERS = List.of("rate asked (of wrk peak)", "started/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
            "max ms", "errors", "flags");

    private LadderSection() {
    }

    static void html(RunView run, PageCharts pageCharts, StringBuilder out, Consumer<PageCharts.Chart> chart) {
        Results.LatencySettings settings = run.latencyPhase().orElseThrow().settings();
        String slo = Formats.sloMillis(settings.sloMillis());
        out.append("<p>").append(Html.escape(String.format(Locale.ROOT, "wrk's closed model waits for each answer before it sends the next "
                        + "request, so a server that stalls also slows the load, and the stall barely shows in its percentiles (coordinated "
                        + "omission). Here Gatling runs an open model: users arrive at a fixed rate whatever the server does, one request "
                        + "each, so queueing shows up as latency; each target gets %s, lowest first. The headline is the highest rate at "
                        + "which that step and every lower one kept p99 ≤ %s ms with no failed request and with the generator keeping the "
                        + "rate; a step is generator-limited (hollow point, amber row) when Gatling started users more than %s slower than "
                        + "asked, so that step measured the generator, not the server. A step whose machine was over 90%% busy says so: on one "
                        + "small machine its p99 includes the generator, server and database waiting for a CPU. Gatling records whole "
                        + "milliseconds: 0 ms means under 1 ms, drawn at 0.5 ms on the logarithmic axis.", steps(settings), slo,
                Formats.wholePercent(1 - Results.LadderStep.MIN_ARRIVAL_SHARE)))).append("</p>\n")
                .append("<p class=\"legend\">").append(Html.escape(String.format(Locale.ROOT, "%s. Each line runs through the steps in the "
                        + "order they ran, at the arrival rate Gatling achieved (a generator-limited step falls left of the rate asked). "
                        + "● kept the rate · ○ generator-limited · ▲ failed requests (△ both) · dashed red line: the SLO, p99 ≤ %s ms.",
                settings.generator(), slo))).append("</p>\n");
        if (run.ladderEndpoints().isEmpty()) {
            out.append("<p class=\"placeholder\">The latency phase ran, but no endpoint was laddered (no wrk peak to base a ladder on).</p>\n");
            return;
        }
        for (String endpoint : run.ladderEndpoints()) {
            out.append("<h4 id=\"").append(Html.escape(anchor(endpoint))).append("\">").append(Html.escape(endpoint)).append("</h4>\n");
            chart.accept(pageCharts.ladder(endpoint));
            table(run, endpoint, settings.sloMillis(), out);
        }
    }

    private static void table(RunView run, String endpoint, double slo, StringBuilder out) {
        out.append("<table class=\"numbers ladder\">\n<caption>").append(Html.escape(endpoint + ": every step of each target's ladder "
                + "(Gatling, whole milliseconds)")).append("</caption>\n<thead><tr>");
        HEADERS.forEach(h -> out.append("<th scope=\"col\">").append(Html.escape(h)).append("</th>"));
        out.append("</tr></thead>\n");
        for (Results.Ladder ladder : run.ladders(endpoint)) {
            // A failed ladder is red throughout; a generator-limited step amber in its own row.
            String failed = ladder.failed() ? " class=\"failed\"" : "";
            out.append("<tbody>\n<tr").append(failed).append("><th scope=\"rowgroup\" colspan=\"").append(HEADERS.size())
                    .append("\" class=\"ladder-target\"><strong>").append(Html.escape(ladder.target())).append("</strong> · wrk peak ")
                    .append(Html.escape(Formats.rate(ladder.peakRequestsPerSecond()))).append(" req/s · <span class=\"headline\">")
                    .append(Html.escape(headlineCell(ladder, slo))).append("</span> · ").append(link(ladder.report())).append("</th></tr>\n");
            if (ladder.steps().isEmpty()) {
                out.append("<tr").append(failed).append("><td colspan=\"").append(HEADERS.size()).append("\" class=\"problem\">no step was run</td></tr>\n");
            }
            for (Results.LadderStep step : ladder.steps()) {
                out.append(ladder.failed() ? "<tr class=\"failed\">" : step.generatorLimited() ? "<tr class=\"noisy\">" : "<tr>");
                Results.Percentiles ms = step.latencyMillis();
                out.append("<th scope=\"row\">").append(Html.escape(Formats.perSecond(step.rate()) + " (" + fraction(step) + ")")).append("</th>");
                for (String cell : List.of(Formats.rate(step.arrivalRate()), Formats.wholeMillis(ms == null ? null : ms.p50()),
                        Formats.wholeMillis(ms == null ? null : ms.p90()), Formats.wholeMillis(ms == null ? null : ms.p99()),
                        Formats.wholeMillis(ms == null ? null : ms.p999()), Formats.wholeMillis(ms == null ? null : ms.max()),
                        String.format(Locale.ROOT, "%,d", step.errors()))) {
                    out.append("<td>").append(Html.escape(cell)).append("</td>");
                }
                out.append("<td class=\"text\">").append(Html.escape(flags(step, slo))).append("</td></tr>\n");
            }
            if (ladder.problem() != null) {
                out.append("<tr").append(failed).append("><td colspan=\"").append(HEADERS.size()).append("\" class=\"problem\">")
                        .append(Html.escape((ladder.failed() ? "FAILED: " : "Note: ") + ladder.problem() + (ladder.failed() ? "" : " (above capacity)")))
                        .append("</td></tr>\n");
            }
            out.append("</tbody>\n");
        }
        out.append("</table>\n");
    }

    private static String link(String report) {
        return report == null ? "no Gatling report" : "<a href=\"" + Html.escape(report) + "\">Gatling report</a>";
    }

    /** The headline in words: "headline: p99 ≤ 10 ms up to 8,709/s" or "headline: none", then FAILED, generator-bound or NOISY. */
    static String headlineCell(Results.Ladder ladder, double slo) {
        StringBuilder cell = new StringBuilder(ladder.failed() ? "FAILED · " : "").append("headline: ").append(headline(ladder, slo));
        if (!ladder.failed() && ladder.generatorBound()) {
            cell.append(", generator-bound (stopped at a step Gatling could not drive)");
        }
        if (!ladder.consistent()) {
            cell.append(", NOISY (a higher step passed after a miss)");
        }
        return cell.toString();
    }

    /** "p99 ≤ 10 ms up to 8,709/s", or "none" when even the lowest step missed. */
    static String headline(Results.Ladder ladder, double slo) {
        return ladder.maxRateWithinSlo() == null ? "none"
                : "p99 ≤ " + Formats.sloMillis(slo) + " ms up to " + Formats.perSecond(ladder.maxRateWithinSlo());
    }

    /** Why a step is or is not within the SLO, in words. */
    static String flags(Results.LadderStep step, double slo) {
        if (step.withinSlo()) {
            return "within SLO";
        }
        List<String> flags = new ArrayList<>();
        if (step.machineSaturated()) {
            flags.add(String.format(Locale.ROOT, "machine CPU %.0f%% busy", step.machineCpuBusy() * 100));
        }
        if (step.abandoned()) {
            flags.add("abandoned: target over a second behind");
        } else if (step.latencyMillis() == null) {
            flags.add("no requests recorded");
        } else if (step.latencyMillis().p99() > slo) {
            flags.add("over SLO");
        }
        if (step.errors() > 0) {
            flags.add("errors");
        }
        if (step.generatorLimited()) {
            flags.add("generator-limited");
        }
        return String.join(", ", flags);
    }

    /** "25% of the wrk peak", plus "generator-limited" when the step was: what a finding says about a step besides its p99. */
    static String describeFlags(Results.LadderStep step) {
        String share = step.fractionOfPeak() == null ? "given by --rates" : Formats.wholePercent(step.fractionOfPeak()) + " of the wrk peak";
        return share + (step.generatorLimited() ? ", generator-limited" : "") + (step.abandoned() ? ", abandoned" : "");
    }

    /** The step's share of the wrk peak, or "--rates" for a rate given on the command line. */
    static String fraction(Results.LadderStep step) {
        return step.fractionOfPeak() == null ? "--rates" : Formats.wholePercent(step.fractionOfPeak());
    }

    /** Where a step sits on the chart's x axis: the rate Gatling achieved, or the rate asked when none was recorded. */
    static double arrivalRate(Results.LadderStep step) {
        return step.arrivalRate() > 0 ? step.arrivalRate() : step.rate();
    }

    /** A step in one sentence, for the chart's tooltip. */
    static String describe(Results.LadderStep step) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "asked %s (%s), %s", Formats.perSecond(step.rate()),
                step.fractionOfPeak() == null ? "given by --rates" : Formats.wholePercent(step.fractionOfPeak()) + " of the wrk peak",
                step.arrivalRate() > 0 ? "started " + Formats.perSecond(step.arrivalRate()) : "start times not recorded"));
        Results.Percentiles ms = step.latencyMillis();
        if (ms == null) {
            text.append("; no requests recorded");
        } else {
            text.append(String.format(Locale.ROOT, "; p50 %s ms, p99 %s ms, max %s ms", Formats.wholeMillis(ms.p50()), Formats.wholeMillis(ms.p99()),
                    Formats.wholeMillis(ms.max())));
        }
        if (step.errors() > 0) {
            text.append(String.format(Locale.ROOT, "; %,d of %,d requests failed", step.errors(), step.requests()));
        }
        if (step.generatorLimited()) {
            text.append("; generator-limited");
        }
        if (step.abandoned()) {
            text.append("; abandoned (the target fell over a second behind)");
        }
        if (step.machineSaturated()) {
            text.append(String.format(Locale.ROOT, "; the machine's CPUs were %.0f%% busy", step.machineCpuBusy() * 100));
        }
        return text.toString();
    }

    /** summary.md's section: per endpoint, each target's headline and p99 at each step. */
    static String markdown(RunView run) {
        Results.LatencySettings settings = run.latencyPhase().orElseThrow().settings();
        String slo = Formats.sloMillis(settings.sloMillis());
        StringBuilder out = new StringBuilder("## Latency at fixed arrival rates\n\n");
        out.append(Markdown.text(String.format(Locale.ROOT, "Gatling, open model: users arrive at a fixed rate whatever the server does, so "
                + "queueing shows as latency (wrk's closed model hides it). Each target gets %s. Headline: the highest rate at which that "
                + "step and every lower one kept p99 ≤ %s ms with no failed request and with the generator keeping the rate. p99 in whole "
                + "milliseconds; err: failed requests at that step; gen: Gatling started users more than %s slower than asked, so the step "
                + "measured the generator, not the server; cpu: the machine's CPUs were over 90%% busy, so the p99 includes the generator, "
                + "server and database waiting for a CPU (on one small machine, read it as the whole system's latency).", steps(settings), slo,
                Formats.wholePercent(1 - Results.LadderStep.MIN_ARRIVAL_SHARE))))
                .append(" Every step and Gatling's own reports: [index.html](index.html#ladder).\n\n");
        List<String> columns = new ArrayList<>();
        settings.fractionsOfPeak().forEach(f -> columns.add("p99 ms at " + Formats.wholePercent(f)));
        settings.extraRates().forEach(r -> columns.add("p99 ms at " + Formats.perSecond(r)));
        for (String endpoint : run.ladderEndpoints()) {
            out.append("### ").append(Markdown.text(endpoint)).append("\n\n");
            List<String> headers = new ArrayList<>(List.of("target", "wrk peak (req/s)", "p99 ≤ " + slo + " ms up to"));
            columns.forEach(c -> headers.add(Markdown.text(c)));
            List<List<String>> rows = new ArrayList<>();
            for (Results.Ladder ladder : run.ladders(endpoint)) {
                List<String> row = new ArrayList<>(List.of(Markdown.text(ladder.target()), Formats.rate(ladder.peakRequestsPerSecond()),
                        markdownHeadline(ladder)));
                settings.fractionsOfPeak().forEach(f -> row.add(p99Cell(ladder.steps().stream()
                        .filter(s -> s.fractionOfPeak() != null && Math.abs(s.fractionOfPeak() - f) < 1e-9).findFirst().orElse(null))));
                settings.extraRates().forEach(r -> row.add(p99Cell(ladder.steps().stream()
                        .filter(s -> s.fractionOfPeak() == null && Math.round(s.rate()) == Math.round(r)).findFirst().orElse(null))));
                rows.add(row);
            }
            Markdown.table(out, headers, rows);
            out.append('\n');
        }
        return out.toString();
    }

    private static String markdownHeadline(Results.Ladder ladder) {
        String rate = ladder.maxRateWithinSlo() == null ? "none" : Formats.perSecond(ladder.maxRateWithinSlo());
        if (ladder.failed()) {
            return Markdown.bold("FAILED") + ", " + rate;
        }
        return rate + (ladder.generatorBound() ? " (generator-bound)" : "") + (ladder.consistent() ? "" : " NOISY");
    }

    private static String p99Cell(Results.LadderStep step) {
        if (step != null && step.abandoned() && step.latencyMillis() == null) {
            return "abandoned";
        }
        if (step == null || step.latencyMillis() == null) {
            return Formats.NOT_MEASURED;
        }
        List<String> flags = new ArrayList<>();
        if (step.errors() > 0) {
            flags.add("err");
        }
        if (step.generatorLimited()) {
            flags.add("gen");
        }
        if (step.abandoned()) {
            flags.add("abandoned");
        }
        if (step.machineSaturated()) {
            flags.add("cpu");
        }
        return Formats.wholeMillis(step.latencyMillis().p99()) + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")");
    }

    /** "steps of 2 s at 25, 50, 75 and 90% of its own wrk peak in this run (and at 500/s)". */
    private static String steps(Results.LatencySettings settings) {
        List<String> parts = new ArrayList<>();
        if (!settings.fractionsOfPeak().isEmpty()) {
            List<String> percents = settings.fractionsOfPeak().stream().map(f -> String.format(Locale.ROOT, "%.0f", f * 100)).toList();
            parts.add(join(percents) + "% of its own wrk peak in this run");
        }
        if (!settings.extraRates().isEmpty()) {
            parts.add(join(settings.extraRates().stream().map(Formats::perSecond).toList()));
        }
        return String.format(Locale.ROOT, "steps of %d s at %s, after %d s of warm-up", settings.stepSeconds(), String.join(" and at ", parts),
                settings.warmupSeconds());
    }

    private static String join(List<String> items) {
        return items.size() < 2 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /** The element id of an endpoint's heading: ladder-product-by-id. */
    static String anchor(String endpoint) {
        return "ladder-" + endpoint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
