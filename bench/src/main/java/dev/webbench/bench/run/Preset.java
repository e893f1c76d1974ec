package dev.webbench.bench.run;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import java.util.List;

/**
 * The defaults of a run, by mode: {@link #FULL} for numbers worth quoting, {@link #QUICK} for a smoke run of about
 * 8 minutes on 2 cores. Every option left out on the command line takes its value from one of these two, and the
 * {@code --help} text quotes them.
 *
 * @param primerSeconds        a light wrk run before the warm-up (JIT profiles, pools filled); 0 for none
 * @param sweepConnections     extra product-by-id runs at these concurrencies
 * @param ladders              the endpoints to ladder; empty for every measured scenario and the mix
 * @param gatlingWarmupSeconds Gatling's own JVM starts cold: its first seconds are slow whatever the server does
 * @param soakSeconds          the soak of {@code ./compare resilience}, per target
 */
public record Preset(String name, int durationSeconds, int connections, int repetitions, int primerSeconds, int warmupSeconds,
                     List<Integer> sweepConnections, int ladderStepSeconds, List<String> ladders, List<Integer> websocketClients,
                     int gatlingWarmupSeconds, int broadcastRounds, int soakSeconds) {
    /** 200 connections as in the original comparison. */
    public static final Preset FULL = new Preset("full", 15, 200, 3, 3, 5, List.of(16, 64, 256), 10, List.of(), List.of(100, 1000), 10,
            20, 600);
    public static final Preset QUICK = new Preset("quick", 1, 64, 3, 0, 1, List.of(), 2,
            List.of(Scenario.PRODUCT_BY_ID.id(), Results.Ladder.MIXED), List.of(100), 5, 5, 20);

    public static Preset of(boolean quick) {
        return quick ? QUICK : FULL;
    }
}
