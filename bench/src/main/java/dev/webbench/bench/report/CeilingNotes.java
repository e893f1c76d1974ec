package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Summaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every report says about the ceilings, once: what each measured, which ceiling a ratio is to, which ceilings a
 * target invalidated by measuring above them, and which targets were held back by the load generator.
 */
final class CeilingNotes {
    private CeilingNotes() {
    }

    /** One plain-text line per ceiling the run measured, each with what it is and whether it still bounds. */
    static List<String> measured(RunView run) {
        List<String> lines = new ArrayList<>();
        run.generatorCeiling().ifPresent(s -> lines.add(line(s, "generator ceiling", "req/s",
                "wrk against a responder that parses nothing and writes one pre-encoded answer per request, on the server CPUs: "
                        + "the most wrk can drive here")));
        run.httpCeiling().ifPresent(s -> lines.add(line(s, "HTTP ceiling", "req/s", run.generatorCeiling().isPresent()
                ? "a real HTTP parser answering with pre-encoded bytes: cheaper per request than any target"
                : "a bare Netty handler")));
        for (Results.Summary s : run.dbCeilings()) {
            lines.add(line(s, "database ceiling" + shape(s.target()).map(shape -> " " + shape).orElse(""), "queries/s",
                    dbMethod(s.target())));
        }
        return lines;
    }

    /** Findings: each invalidated ceiling, then the generator-bound results. */
    static List<String> findings(RunView run) {
        List<String> findings = new ArrayList<>();
        for (Results.Summary ceiling : run.invalidatedCeilings()) {
            findings.add(String.format(Locale.ROOT, "ceiling invalidated: %s measured above it (%s on %s, %s against %s req/s beyond the "
                            + "noise); no ratio to it is given.", ceiling.ceilingExceededBy(), ceiling.target(), ceiling.workload(),
                    run.summary(ceiling.ceilingExceededBy(), ceiling.workload()).map(t -> Formats.rate(t.requestsPerSecond().median()))
                            .orElse("more"), Formats.rate(ceiling.requestsPerSecond().median())));
        }
        List<String> bound = run.results().summaries().stream().filter(s -> !run.isCeiling(s.target()) && s.generatorBound())
                .map(s -> s.target() + " on " + s.workload() + (s.ratioToGeneratorCeiling() == null ? ""
                        : " (" + Formats.percent(s.ratioToGeneratorCeiling()) + ")")).toList();
        if (!bound.isEmpty()) {
            findings.add("generator-bound: " + String.join(", ", bound) + " came within 10% of the generator ceiling or above it: wrk, "
                    + "not the server, set that pace, and the server may do better with more load CPUs.");
        }
        return findings;
    }

    /** A ratio with the ceiling it is to, e.g. "0.52 × db-ceiling-9x1"; "n/a" when there is none. */
    static String dbRatio(Results.Summary s) {
        if (s.ratioToDbCeiling() == null) {
            return Formats.ratio(null);
        }
        return Formats.ratio(s.ratioToDbCeiling()) + (s.dbCeiling() == null ? "" : " × " + s.dbCeiling());
    }

    /** The generator ratio, marked when the target is generator-bound. */
    static String generatorRatio(Results.Summary s) {
        String ratio = s.ratioToGeneratorCeiling() == null ? (s.generatorBound() ? "above" : Formats.ratio(null)) : Formats.ratio(s.ratioToGeneratorCeiling());
        return s.generatorBound() ? ratio + " GENERATOR-BOUND" : ratio;
    }

    private static String line(Results.Summary s, String what, String unit, String method) {
        String invalid = s.ceilingExceededBy() == null ? "" : "; INVALIDATED: " + s.ceilingExceededBy() + " measured above it";
        String failed = s.failed() ? "; FAILED (" + s.errors() + " errors)" : "";
        return String.format(Locale.ROOT, "%s: %s %s on %s %s (%s)%s%s", what, Formats.rate(s.requestsPerSecond().median()), unit,
                s.workload(), Formats.interval(s.requestsPerSecond()), method, invalid, failed);
    }

    /** "9 × 1" from {@code db-ceiling-9x1}; empty for the single ceiling of older runs. */
    static Optional<String> shape(String dbCeiling) {
        String prefix = Results.DB_CEILING + "-";
        if (!Summaries.isDbCeiling(dbCeiling) || !dbCeiling.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = dbCeiling.substring(prefix.length()).split("x");
        return parts.length == 2 ? Optional.of(parts[0] + " \u00d7 " + parts[1]) : Optional.empty();
    }

    private static String dbMethod(String dbCeiling) {
        Optional<String> shape = shape(dbCeiling);
        if (shape.isEmpty()) {
            return "product-by-id straight over JDBC, in the bench's JVM";
        }
        boolean pipelined = !dbCeiling.endsWith("x1");
        return "product-by-id with that many statements in flight, " + (pipelined ? "pipelined over Vert.x's PostgreSQL client"
                : "blocking JDBC") + ", in a JVM on the server CPUs";
    }
}
