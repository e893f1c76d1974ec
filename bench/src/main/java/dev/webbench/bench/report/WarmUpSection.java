package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How each target came to steady state before it was measured (the warm-up curve), and how many repetitions each
 * result took to reach its precision. Runs before schema 4 had fixed warm-ups and repetitions: nothing to show.
 */
final class WarmUpSection {
    private WarmUpSection() {
    }

    static String html(RunView run) {
        List<Results.WarmUp> warmUps = warmUps(run);
        if (warmUps.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<h3>Warm-up</h3>\n<p>").append(Html.escape(explanation())).append("</p>\n");
        List<Html.Row> rows = new ArrayList<>();
        for (Results.WarmUp w : warmUps) {
            rows.add(new Html.Row(w.steady() ? null : "noisy", List.of(w.target(), w.workload(), String.format(Locale.ROOT, "%.0f s", w.seconds()),
                    curve(w), lastCompiles(w), w.steady() ? "steady" : "NOT STEADY (cap)")));
        }
        Html.table(out, "Warm-up: req/s in each one-second window", List.of("target", "workload", "took", "req/s per window",
                "JIT compiles/s", "status"), rows);
        return out.toString();
    }

    static String markdown(RunView run) {
        List<Results.WarmUp> warmUps = warmUps(run);
        if (warmUps.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Warm-up\n\n").append(Markdown.text(explanation())).append("\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Results.WarmUp w : warmUps) {
            rows.add(List.of(Markdown.text(w.target()), Markdown.text(w.workload()), String.format(Locale.ROOT, "%.0f s", w.seconds()),
                    Markdown.text(curve(w)), lastCompiles(w), w.steady() ? "steady" : "**NOT STEADY** (cap)"));
        }
        Markdown.table(out, List.of("target", "workload", "took", "req/s per window", "JIT compiles/s", "status"), rows);
        return out.append('\n').toString();
    }

    /**
     * The results whose repetitions stopped at the cap with a 95% interval still wider than the precision, as one
     * sentence; empty when all reached it, or when the run asked for no more than its fixed repetitions.
     */
    static Optional<String> capReached(RunView run) {
        Results.Settings settings = run.results().settings();
        if (settings.maxRepetitions() <= settings.repetitions() || settings.precision() <= 0) {
            return Optional.empty();
        }
        List<String> wide = run.results().summaries().stream().filter(s -> !s.failed())
                .filter(s -> s.requestsPerSecond().n() >= settings.maxRepetitions() && !s.requestsPerSecond().preciseTo(settings.precision()))
                .map(s -> String.format(Locale.ROOT, "%s on %s (±%s)", s.target(), s.workload(),
                        Formats.percent(s.requestsPerSecond().relativeHalfWidth())))
                .toList();
        if (wide.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%d result(s) reached the cap of %d repetitions with a median's interval wider than "
                + "±%s, so the machine was noisier than the stopping rule allows: %s.", wide.size(), settings.maxRepetitions(),
                Formats.percent(settings.precision()), String.join(", ", wide)));
    }

    private static String explanation() {
        return String.format(Locale.ROOT, "Each target was loaded in one-second windows at the measured concurrency until the last %d "
                + "windows agreed within %s (coefficient of variation) and its JIT compiled fewer than %.0f methods a second, or until "
                + "the cap. The measured repetitions start after that.", Results.WarmUp.WINDOWS, Formats.percent(Results.WarmUp.TOLERANCE),
                Results.WarmUp.SETTLED_COMPILES_PER_SECOND);
    }

    private static List<Results.WarmUp> warmUps(RunView run) {
        return run.results().warmUps() == null ? List.of() : run.results().warmUps();
    }

    private static String curve(Results.WarmUp w) {
        return w.requestsPerSecond().stream().map(Formats::rate).collect(Collectors.joining(" → "));
    }

    private static String lastCompiles(Results.WarmUp w) {
        return w.compilesPerSecond() == null ? Formats.NOT_MEASURED : w.compilesPerSecond().stream().filter(c -> c != null)
                .reduce((a, b) -> b).map(c -> String.format(Locale.ROOT, "%.1f", c)).orElse(Formats.NOT_MEASURED);
    }

    /** Used by the header of a smoke run: how strong its intervals are. */
    static String smokeRunNote(Results results) {
        int n = results.settings().repetitions();
        return String.format(Locale.ROOT, "**Smoke run** (`--quick`): %d repetitions give intervals of %s coverage, so it names a winner "
                + "only where they do not overlap and calls a tie everywhere else. Use the full mode for a decision.",
                n, Formats.coverage(Stats.of(java.util.Collections.nCopies(Math.max(1, n), 1.0)).ciLevel()));
    }
}
