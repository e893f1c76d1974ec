package dev.webbench.bench.report;

import dev.webbench.bench.WrkReport;
import java.util.function.ToLongFunction;

/** The latency percentiles wrk reports, in the order every report lists them. */
enum Percentile {
    P50("p50", 0.50, WrkReport.Latency::p50),
    P75("p75", 0.75, WrkReport.Latency::p75),
    P90("p90", 0.90, WrkReport.Latency::p90),
    P99("p99", 0.99, WrkReport.Latency::p99),
    P999("p99.9", 0.999, WrkReport.Latency::p999);

    private final String label;
    private final double quantile;
    private final ToLongFunction<WrkReport.Latency> micros;

    Percentile(String label, double quantile, ToLongFunction<WrkReport.Latency> micros) {
        this.label = label;
        this.quantile = quantile;
        this.micros = micros;
    }

    String label() {
        return label;
    }

    double quantile() {
        return quantile;
    }

    long micros(WrkReport.Latency latency) {
        return micros.applyAsLong(latency);
    }

    /**
     * HdrHistogram's percentile axis: 1 / (1 - q) on a log scale, so p90, p99 and p99.9 sit one decade apart
     * and the tail gets as much room as the median.
     */
    double hdrAxisPosition() {
        return 1 / (1 - quantile);
    }
}
