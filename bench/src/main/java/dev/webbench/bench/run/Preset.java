package dev.webbench.bench.run;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import java.util.List;

/**
 * The defaults of a run, by mode: {@link #FULL} for numbers worth quoting, {@link #QUICK} for a smoke run of about
 * 3 minutes on 2 cores. Every option left out on the command line takes its value from one of these two, and the
 * {@code --help} text quotes them.
 *
 * @param repetitions          the fewest repetitions per workload; 6 is the fewest whose median interval reaches 95%
 * @param maxRepetitions       more repetitions run, interleaved, while a median's interval is wider than {@code precision}
 * @param precision            the stopping rule: a 95% interval within median ± this fraction
 * @param primerSeconds        a light wrk run before the warm-up (JIT profiles, pools filled); 0 for none
 * @param warmupSeconds        the warm-up's cap; it ends as soon as throughput and the JIT are steady
 * @param scenarios            the wrk scenarios; empty for all
 * @param oneThreadModel       only each implementation's default thread model (the smoke run's four targets)
 * @param sweepConnections     extra product-by-id runs at these concurrencies
 * @param ladders              the endpoints to ladder; empty for every measured scenario and the mix
 * @param ladderFractions      the ladder's steps as fractions of each target's wrk peak in the same run; none: no ladder
 * @param gatlingWarmupSeconds Gatling's own JVM starts cold: its first seconds are slow whatever the server does
 * @param soakSeconds          the soak of {@code ./compare resilience}, per target
 * @param websocketGatling     Gatling's WebSocket ramp and checks before the broadcast probe
 */
public record Preset(String name, int durationSeconds, int connections, int repetitions, int maxRepetitions, double precision,
                     int primerSeconds, int warmupSeconds, List<String> scenarios, boolean oneThreadModel, List<Integer> sweepConnections,
                     int ladderStepSeconds, List<String> ladders, List<Double> ladderFractions, List<Integer> websocketClients,
                     int gatlingWarmupSeconds, int broadcastRounds, int soakSeconds, boolean websocketGatling) {
    /** 200 connections as in the original comparison. */
    public static final Preset FULL = new Preset("full", 10, 200, 6, 10, 0.05, 3, 30, List.of(), false, List.of(16, 64, 256), 10,
            List.of(), List.of(0.25, 0.5, 0.75, 0.9), List.of(100, 1000), 10, 20, 600, true);
    /**
     * Fewer things, each measured long enough to mean something, in about 3 minutes on 2 cores: product-by-id and
     * seed on one thread model per implementation, steady-state warm-ups, 2-second windows, and the broadcast probe
     * with 50 WebSocket clients. No latency ladder: an open-model ladder needs the CPUs to spare that a smoke run on a
     * small machine does not have (and a JVM per target). Its 3 repetitions give 75% intervals, and the report calls
     * a tie wherever they overlap.
     */
    public static final Preset QUICK = new Preset("quick", 2, 64, 3, 3, 0.10, 0, 6,
            List.of(Scenario.PRODUCT_BY_ID.id(), Scenario.SEED.id()), true, List.of(), 2, List.of(Scenario.PRODUCT_BY_ID.id()),
            List.of(), List.of(50), 2, 3, 20, false);

    public static Preset of(boolean quick) {
        return quick ? QUICK : FULL;
    }
}
