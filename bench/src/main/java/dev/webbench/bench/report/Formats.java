package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import dev.webbench.config.DatabaseBudget;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How every report writes a number, so the HTML, the Markdown and the diff agree. Locale.ROOT throughout: a run
 * rendered on a German machine must not turn 10,930 req/s into 10.930.
 */
public final class Formats {
    /** What the reports print where results.json has nothing (or, before schema 3, -1): the quantity was not measured. */
    static final String NOT_MEASURED = "n/a";

    private Formats() {
    }

    /** Requests per second (or per CPU-second): whole numbers with thousands separators. */
    public static String rate(Double perSecond) {
        return perSecond == null || perSecond < 0 ? NOT_MEASURED : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** Latency from microseconds to milliseconds with three significant digits or so: 5.74, 31.3, 250. */
    public static String millis(Double micros) {
        if (micros == null || micros < 0) {
            return NOT_MEASURED;
        }
        double ms = micros / 1000;
        String pattern = ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%,.0f";
        return String.format(Locale.ROOT, pattern, ms);
    }

    /** CPU per request: 21.5 µs, 145 µs, 1,204 µs. */
    static String micros(Double micros) {
        if (micros == null || micros < 0) {
            return NOT_MEASURED;
        }
        return String.format(Locale.ROOT, micros < 100 ? "%.1f µs" : "%,.0f µs", micros);
    }

    /** Memory from KiB (as /proc reports it) to MiB. */
    static String mib(Long kib) {
        return kib == null ? NOT_MEASURED : String.format(Locale.ROOT, "%,.0f MiB", kib / 1024.0);
    }

    static String jarSize(Long bytes) {
        return bytes == null ? NOT_MEASURED : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String startup(Long millis) {
        return millis == null ? NOT_MEASURED : String.format(Locale.ROOT, "%,d ms", millis);
    }

    static String lines(Long lines) {
        return lines == null ? NOT_MEASURED : String.format(Locale.ROOT, "%,d", lines);
    }

    /**
     * A target's statements in flight at PostgreSQL, as connections x pipelining and where they came from: "9 × 1
     * (default)", "8 × 1 (--db-budget 8)"; n/a where the target said nothing (an external server, runs before schema 4).
     */
    static String dbBudget(Results.DbBudget budget) {
        if (budget == null) {
            return NOT_MEASURED;
        }
        return budget.shape() + " (" + (DatabaseBudget.Source.IMPLEMENTATION_DEFAULT.label().equals(budget.source()) ? "default" : budget.source()) + ")";
    }

    /** A fraction as a percentage: 0.2874 becomes 28.7%. */
    public static String percent(Double fraction) {
        return fraction == null ? NOT_MEASURED : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A signed change: +12.3% or -40.0%. */
    public static String signedPercent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    /** An ISO instant to the second: 2026-11-25 13:19:25; anything unparsable as it is. */
    static String timestamp(String isoInstant) {
        try {
            return Instant.parse(isoInstant).truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    /** Gatling's whole milliseconds, with separators: 0, 132, 5,004. */
    static String wholeMillis(Double millis) {
        return millis == null || millis < 0 ? NOT_MEASURED : String.format(Locale.ROOT, "%,.0f", millis);
    }

    /** The probe's microseconds as milliseconds with one decimal: 23247 becomes 23.2. */
    static String tenthMillis(Double micros) {
        return micros == null || micros < 0 ? NOT_MEASURED : String.format(Locale.ROOT, "%,.1f", micros / 1000);
    }

    /** A setting in milliseconds as given: 10, or 2.5. */
    static String sloMillis(double millis) {
        return millis == Math.rint(millis) ? String.format(Locale.ROOT, "%.0f", millis) : String.valueOf(millis);
    }

    /** A whole rate per second: 8,709/s. */
    static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }

    /** A fraction as a whole percentage: 0.25 becomes 25%. */
    static String wholePercent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** A median's interval as req/s: [10,165–11,189]. */
    static String interval(dev.webbench.bench.model.Stats stats) {
        return "[" + rate(stats.ciLow()) + "–" + rate(stats.ciHigh()) + "]";
    }

    /** An interval's coverage: 95%, 75%, 93.8%. */
    static String coverage(double level) {
        String percent = String.format(Locale.ROOT, "%.1f%%", level * 100);
        return percent.endsWith(".0%") ? percent.replace(".0%", "%") : percent;
    }

    /** A ratio to a ceiling: 0.29. */
    static String ratio(Double ratio) {
        return ratio == null ? NOT_MEASURED : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
