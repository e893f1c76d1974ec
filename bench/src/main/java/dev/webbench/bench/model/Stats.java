package dev.webbench.bench.model;

import java.util.Arrays;
import java.util.List;

/**
 * Median-first statistics over repetitions, never best-of-N, with a confidence interval for the median.
 *
 * <p>The interval is the distribution-free one from order statistics: with the n values sorted, {@code [x(k),
 * x(n+1-k)]} covers the true median with probability {@code 1 - 2 P(Binomial(n, 1/2) <= k - 1)}, whatever the
 * distribution of the repetitions. The bench takes the narrowest such interval whose coverage reaches
 * {@value #CONFIDENCE}; with 5 values or fewer none does, and the widest one, {@code [min, max]}, is reported with
 * the coverage it has (75% for 3 values, 87.5% for 4, 93.75% for 5). {@code ciLevel} always says which.
 *
 * @param ciLow   lower end of the median's interval
 * @param ciHigh  upper end
 * @param ciLevel the interval's coverage: at least {@value #CONFIDENCE} from 6 values on, less below
 */
public record Stats(int n, double median, double min, double max, double mean, double stdev, double cv, Double ciLow, Double ciHigh,
                    Double ciLevel) {
    /** Above this coefficient of variation a result is flagged as noisy. */
    public static final double NOISY_CV = 0.05;
    /** The coverage the bench asks of every interval. */
    public static final double CONFIDENCE = 0.95;
    /** The fewest values whose order-statistics interval reaches {@link #CONFIDENCE}. */
    public static final int N_FOR_CONFIDENCE = 6;

    /** Files before schema 4 have no interval: theirs is [min, max], whose coverage depends on n alone. */
    public Stats {
        if (ciLow == null || ciHigh == null || ciLevel == null) {
            ciLow = min;
            ciHigh = max;
            ciLevel = coverage(n, 1);
        }
    }

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
        int k = orderStatistic(n);
        return new Stats(n, median, sorted[0], sorted[n - 1], mean, stdev, cv, sorted[k - 1], sorted[n - k], coverage(n, k));
    }

    /** The largest k whose interval [x(k), x(n+1-k)] still covers the median with {@link #CONFIDENCE}; 1 when none does. */
    static int orderStatistic(int n) {
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && coverage(n, k + 1) >= CONFIDENCE) {
            k++;
        }
        return k;
    }

    /** P(x(k) <= median <= x(n+1-k)) = 1 - 2 P(Binomial(n, 1/2) <= k - 1), for any continuous distribution. */
    static double coverage(int n, int k) {
        if (n < 1) {
            return 0;
        }
        double tail = 0;
        double term = Math.pow(0.5, n);
        for (int i = 0; i < k; i++) {
            tail += term;
            term = term * (n - i) / (i + 1);
        }
        return Math.max(0, 1 - 2 * tail);
    }

    /** Too few repetitions to judge, or spread above {@link #NOISY_CV}. */
    public boolean noisy() {
        return n < 3 || cv > NOISY_CV;
    }

    /** Half the interval's width over the median: 0.05 means "median ± 5%". */
    public double relativeHalfWidth() {
        return median == 0 ? 0 : (ciHigh - ciLow) / 2 / Math.abs(median);
    }

    /** The interval reaches {@link #CONFIDENCE}. */
    public boolean confident() {
        return ciLevel >= CONFIDENCE - 1e-9;
    }

    /**
     * The stopping rule of adaptive repetitions: enough values for a {@value #CONFIDENCE} interval, and that interval
     * within {@code precision} of the median on either side.
     */
    public boolean preciseTo(double precision) {
        return confident() && relativeHalfWidth() <= precision;
    }

    /** Whether the two medians' intervals overlap: then neither is faster, they tie. */
    public boolean overlaps(Stats other) {
        return !(ciLow > other.ciHigh || other.ciLow > ciHigh);
    }

    /** This median's interval lies entirely above the other's. */
    public boolean above(Stats other) {
        return ciLow > other.ciHigh;
    }
}
