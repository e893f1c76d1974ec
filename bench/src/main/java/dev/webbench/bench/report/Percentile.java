package dev.webbench.bench.report;

import dev.webbench.bench.model.Results;
import java.util.function.ToLongFunction;

/** The latency percentiles wrk reports, in the order every report lists them. */
enum Percentile {
    P50("p50", 0.50, Results.WrkLatency::p50),
    P75("p75", 0.75, Results.WrkLatency::p75),
    P90("p90", 0.90, Results.WrkLatency::p90),
    P99("p99", 0.99, Results.WrkLatency::p99),
    P999("p99.9", 0.999, Results.WrkLatency::p999);

    private final String label;
    private final double quantile;
    private final ToLongFunction<Results.WrkLatency> micros;

    Percentile(String label, double quantile, ToLongFunction<Results.WrkLatency> micros) {
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

    long micros(Results.WrkLatency latency) {
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
