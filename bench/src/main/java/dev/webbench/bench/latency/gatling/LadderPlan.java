package dev.webbench.bench.latency.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * What one Gatling ladder run asks of one target: a warm-up, then fixed arrival rates, one step after
 * another, each for the same time. The bench writes it as JSON; {@code LadderSimulation} reads it in
 * Gatling's JVM. Each step's requests carry the step's name, so Gatling's per-request statistics are
 * per-step statistics.
 */
public record LadderPlan(String baseUrl, int warmupSeconds, int stepSeconds, int requestTimeoutMillis, List<Step> steps) {

    /** How the mixed scenario ({@code Results.Ladder.MIXED}) weighs the contract's routes, in percent. */
    public static final List<MixShare> MIX = List.of(
            new MixShare("product-by-id", 70), new MixShare("seed", 20), new MixShare("create-product", 10));

    public record MixShare(String endpoint, int percent) {
    }

    /**
     * One fixed arrival rate on one endpoint.
     *
     * @param fractionOfPeak the share of the wrk peak this rate was derived from, or null for a rate given by --rates
     */
    public record Step(String endpoint, double rate, Double fractionOfPeak) {
        public String requestName() {
            return stepName(endpoint, rate);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public static String stepName(String endpoint, double rate) {
        return endpoint + " @ " + String.format(Locale.ROOT, "%.0f", rate) + "/s";
    }

    /**
     * The ladder of one endpoint: each fraction of {@code peak} and every extra rate, rounded to whole requests
     * per second, lowest first, duplicates dropped (a given rate keeps the fraction it coincides with).
     */
    public static List<Step> ladder(String endpoint, double peak, List<Double> fractions, List<Double> extraRates) {
        TreeMap<Long, Double> byRate = new TreeMap<>();
        for (double rate : extraRates) {
            if (rate >= 1) {
                byRate.put(Math.round(rate), null);
            }
        }
        if (peak > 0) {
            for (double fraction : fractions) {
                long rate = Math.max(1, Math.round(peak * fraction));
                byRate.put(rate, fraction);
            }
        }
        List<Step> steps = new ArrayList<>();
        byRate.forEach((rate, fraction) -> steps.add(new Step(endpoint, rate, fraction)));
        return steps;
    }

    /**
     * The rate the mix could sustain if each route cost what it cost alone at its peak: the weighted harmonic mean
     * of the routes' peaks. 0 when a route of the mix has no peak.
     */
    public static double mixedPeak(java.util.Map<String, Double> peaks) {
        double secondsPerRequest = 0;
        for (MixShare share : MIX) {
            Double peak = peaks.get(share.endpoint());
            if (peak == null || peak <= 0) {
                return 0;
            }
            secondsPerRequest += share.percent() / 100.0 / peak;
        }
        return 1 / secondsPerRequest;
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static LadderPlan read(Path file) {
        try {
            return JSON.readValue(file.toFile(), LadderPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ladder plan " + file + ": " + e.getMessage(), e);
        }
    }
}
