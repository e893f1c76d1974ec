package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The document's own frameworks ({@code ./compare --peers}) as reference rows: the peers' medians on the workloads the
 * document talks about, and each implementation's ratio to its Starlette in the same run. Peers are never ranked with
 * the implementations ({@link RunView#contenders()} leaves them out); a run without peers has no section.
 */
public final class PeerSection {
    /** The document's one published figure: Starlette on /brands, wrk -t2 -c200, on the document's machine. */
    static final int DOCUMENT_STARLETTE_BRANDS = 2_781;
    /** The peer the ratios are taken to: the document's fastest. */
    static final String REFERENCE = "starlette";
    /** /brands, the document's workload, then one read by primary key, the bench's primary workload. */
    static final List<String> WORKLOADS = List.of(Scenario.SEED.id(), Scenario.PRODUCT_BY_ID.id());
    /** What the tables call them: the path a reader of the document knows, then the bench's workload id. */
    private static final List<String> LABELS = List.of("/brands (seed)", "/products/{id} (product-by-id)");

    private PeerSection() {
    }

    /** One implementation's ratio to the reference peer per workload; empty where either side failed or was not run. */
    record Ratio(String target, List<Optional<Double>> perWorkload) {
    }

    static String intro(RunView run) {
        return String.format(Locale.ROOT, "The document compared aiohttp, Starlette and Flask with one wrk run (-t2 -c200) on /brands, "
                + "where Starlette reached %,d req/s on its own machine, \"faster than aiohttp and Flask\". Its three apps (peers/, "
                + "on Debian's Python) ran here against the same database, interleaved with the implementations and measured the "
                + "same way (this run: wrk -t%d -c%d); they are reference rows, never ranked. The ratios are each target's median "
                + "over %s's in this run; the document's figure is context from another machine, not a baseline.",
                DOCUMENT_STARLETTE_BRANDS, run.results().settings().wrkThreads(), run.results().settings().connections(),
                run.isPeer(REFERENCE) ? REFERENCE : "Starlette (not in this run, so no ratios)");
    }

    /** Each implementation's median over the reference peer's, per workload of {@link #WORKLOADS}. */
    static List<Ratio> ratios(RunView run) {
        if (!run.isPeer(REFERENCE)) {
            return List.of();
        }
        List<Ratio> ratios = new ArrayList<>();
        for (Results.TargetInfo target : run.contenders()) {
            List<Optional<Double>> values = WORKLOADS.stream().map(workload -> ratio(run, target.name(), workload)).toList();
            ratios.add(new Ratio(target.name(), values));
        }
        return ratios;
    }

    private static Optional<Double> ratio(RunView run, String target, String workload) {
        Optional<Results.Summary> reference = run.summary(REFERENCE, workload).filter(s -> !s.failed() && s.requestsPerSecond().median() > 0);
        Optional<Results.Summary> measured = run.summary(target, workload).filter(s -> !s.failed());
        return reference.flatMap(r -> measured.map(m -> m.requestsPerSecond().median() / r.requestsPerSecond().median()));
    }

    /** The finding: the fastest implementation's multiple of the document's Starlette on /brands, in this run. */
    static Optional<String> finding(RunView run) {
        String workload = WORKLOADS.getFirst();
        Optional<Results.Summary> reference = run.summary(REFERENCE, workload).filter(s -> !s.failed());
        if (!run.isPeer(REFERENCE) || reference.isEmpty()) {
            return Optional.empty();
        }
        return run.ranking(workload).stream().findFirst().map(leader -> String.format(Locale.ROOT,
                "Against the document's own Starlette in this run (%s req/s on /brands; the document published %,d on its machine): "
                        + "%s reaches %s, %s its rate.", Formats.rate(reference.get().requestsPerSecond().median()), DOCUMENT_STARLETTE_BRANDS,
                leader.target(), Formats.rate(leader.requestsPerSecond().median()),
                times(leader.requestsPerSecond().median() / reference.get().requestsPerSecond().median())));
    }

    static String markdown(RunView run) {
        if (run.peers().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Reference: the document's Python frameworks\n\n");
        out.append(Markdown.text(intro(run))).append("\n\n");
        List<String> headers = new ArrayList<>(List.of("peer (reference)"));
        LABELS.forEach(label -> headers.add(Markdown.text(label) + " req/s"));
        List<List<String>> rows = new ArrayList<>();
        for (Results.TargetInfo peer : run.peers()) {
            List<String> row = new ArrayList<>(List.of(Markdown.text(peer.name())));
            WORKLOADS.forEach(w -> row.add(Markdown.text(median(run, peer.name(), w))));
            rows.add(row);
        }
        Markdown.table(out, headers, rows);
        out.append('\n');
        List<Ratio> ratios = ratios(run);
        if (!ratios.isEmpty()) {
            List<String> ratioHeaders = new ArrayList<>(List.of("target"));
            LABELS.forEach(label -> ratioHeaders.add("× " + REFERENCE + ", " + Markdown.text(label)));
            List<List<String>> ratioRows = new ArrayList<>();
            for (Ratio ratio : ratios) {
                List<String> row = new ArrayList<>(List.of(Markdown.text(ratio.target())));
                ratio.perWorkload().forEach(value -> row.add(value.map(PeerSection::times).orElse(Formats.NOT_MEASURED)));
                ratioRows.add(row);
            }
            Markdown.table(out, ratioHeaders, ratioRows);
            out.append('\n');
        }
        return out.toString();
    }

    static String html(RunView run) {
        if (run.peers().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<section id=\"peers\">\n<h2>Reference: the document's Python frameworks</h2>\n<p>");
        out.append(Html.escape(intro(run))).append("</p>\n");
        List<String> headers = new ArrayList<>(List.of("peer (reference)"));
        LABELS.forEach(label -> headers.add(label + " req/s"));
        List<Html.Row> rows = new ArrayList<>();
        for (Results.TargetInfo peer : run.peers()) {
            List<String> cells = new ArrayList<>(List.of(peer.name()));
            WORKLOADS.forEach(w -> cells.add(median(run, peer.name(), w)));
            rows.add(new Html.Row("peer", cells));
        }
        Html.table(out, "The document's frameworks in this run: median req/s", headers, rows);
        List<Ratio> ratios = ratios(run);
        if (!ratios.isEmpty()) {
            List<String> ratioHeaders = new ArrayList<>(List.of("target"));
            LABELS.forEach(label -> ratioHeaders.add("× " + REFERENCE + ", " + label));
            List<Html.Row> ratioRows = new ArrayList<>();
            for (Ratio ratio : ratios) {
                List<String> cells = new ArrayList<>(List.of(ratio.target()));
                ratio.perWorkload().forEach(value -> cells.add(value.map(PeerSection::times).orElse(Formats.NOT_MEASURED)));
                ratioRows.add(new Html.Row(null, cells));
            }
            Html.table(out, "Each target's median over " + REFERENCE + "'s in this run", ratioHeaders, ratioRows);
        }
        out.append("</section>\n");
        return out.toString();
    }

    /** The console lines after the summary table: each implementation's ratio to the reference peer. */
    public static void print(Results results, PrintStream out) {
        RunView run = new RunView(results);
        List<Ratio> ratios = ratios(run);
        if (ratios.isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "Against the document's %s in this run (reference; it published %,d req/s on /brands, wrk -t2 -c200, elsewhere):%n",
                REFERENCE, DOCUMENT_STARLETTE_BRANDS);
        for (Ratio ratio : ratios) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < WORKLOADS.size(); i++) {
                parts.add(LABELS.get(i) + " " + ratio.perWorkload().get(i).map(PeerSection::times).orElse(Formats.NOT_MEASURED));
            }
            out.printf(Locale.ROOT, "  %-20s %s%n", ratio.target(), String.join(", ", parts));
        }
    }

    /** A target's name as the console table shows it: a peer is marked as a reference row. */
    public static String label(Results results, String target) {
        return new RunView(results).label(target);
    }

    private static String median(RunView run, String target, String workload) {
        return run.summary(target, workload).map(s -> Formats.rate(s.requestsPerSecond().median()) + (s.failed() ? " FAILED" : s.noisy() ? " NOISY" : ""))
                .orElse(Formats.NOT_MEASURED);
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, "%.1f×", ratio);
    }
}
