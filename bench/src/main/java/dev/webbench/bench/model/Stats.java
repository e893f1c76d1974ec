package dev.webbench.bench.model;

import java.util.Arrays;
import java.util.List;

/** Median-first statistics over repetitions. Never best-of-N. */
public record Stats(int n, double median, double min, double max, double mean, double stdev, double cv) {
    /** Above this coefficient of variation a result is flagged as noisy. */
    public static final double NOISY_CV = 0.05;

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double mean = Arrays.stream(sorted).average().orElseThrow();
        // Sample standard deviation (n - 1): a handful of repetitions is a sample, not the population.
        double variance = n < 2 ? 0 : Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
        double stdev = Math.sqrt(variance);
        double cv = mean == 0 ? 0 : stdev / mean;
        return new Stats(n, median, sorted[0], sorted[n - 1], mean, stdev, cv);
    }

    /** Too few repetitions to judge, or spread above {@link #NOISY_CV}. */
    public boolean noisy() {
        return n < 3 || cv > NOISY_CV;
    }
}
