package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * Contract point 7's attack on the counter: one WebSocket client that floods the server and never reads, among
 * {@link WebSocketFloodContract#CROWD} well-behaved counter clients who keep coming and going. The server must bound
 * what the attacker costs it, drop or stall the attacker, and keep everyone else's counts prompt. The kit's flood
 * group asserts it; {@code ./compare resilience} runs the stuck reader and records its figures.
 *
 * @param name      what the failures and the figures call it
 * @param batch     what the attacker writes, again and again
 * @param budget    the most bytes the attacker sends
 * @param floodTime how long the flood may last when the server neither blocks nor drops the attacker
 */
public record NonReadingClient(String name, byte[] batch, long budget, Duration floodTime) {
    /** Pings flooded at full speed: each costs the server a pong to write (see {@link WebSocketFloodContract}). */
    public static final NonReadingClient PING_FLOOD = new NonReadingClient("ping flood", Flood.repeat(WebSocketFloodContract.PING, 512),
            WebSocketFloodContract.FLOOD_BUDGET_BYTES, WebSocketFloodContract.FLOOD_TIME);
    /** A reader whose socket buffers are full: it fills them with pongs first, reading nothing, then only counts arrive. */
    public static final NonReadingClient STUCK_READER = new NonReadingClient("stuck reader", Flood.repeat(WebSocketFloodContract.PING, 64),
            16L * 1024 * 1024, Duration.ofSeconds(10));

    /**
     * What the attack cost the others.
     *
     * @param flood          how the flood ended (bytes sent, and whether the server blocked or dropped the attacker)
     * @param floodRounds    churn rounds while the attacker still sent
     * @param dropRounds     churn rounds after the flood until the others' count showed the attacker gone
     * @param slowestUpdate  the slowest churn event, from the passer's connect or close until every client heard of it
     * @param server         peak RSS and the slowest {@code /brands} meanwhile
     */
    public record Figures(String flood, int floodRounds, int dropRounds, Duration slowestUpdate, String server) {
        @Override
        public String toString() {
            return String.format("flood %s in %d rounds; dropped after %d more rounds; slowest update %d ms; %s", flood, floodRounds,
                    dropRounds, slowestUpdate.toMillis(), server);
        }
    }

    /** Runs the attack; an {@link AssertionError} says which of the contract's bounds the server broke. */
    public Figures run(ServerUnderTest server) {
        ServerWatch watch = new ServerWatch(server, name).warmedUp();
        watch.checkMemory();
        Figures figures;
        try (CounterCrowd crowd = CounterCrowd.connect(server.baseUri(), WebSocketFloodContract.CROWD)) {
            int withoutAttacker = crowd.settle();
            RawWebSocket attacker = RawWebSocket.connect(server.baseUri(), 1024);
            try {
                Flood flood = Flood.start(attacker.socket(), batch, budget);
                long until = System.nanoTime() + floodTime.toNanos();
                long nextChurn = System.nanoTime();
                int rounds = 0;
                while (flood.state() == Flood.State.FLOWING && System.nanoTime() < until) {
                    if (System.nanoTime() >= nextChurn) {
                        round(crowd, watch, flood);
                        rounds++;
                        nextChurn = System.nanoTime() + WebSocketFloodContract.FLOOD_CHURN_PERIOD.toNanos();
                    } else {
                        check(watch, flood);
                        JarProcess.sleep(100);
                    }
                }
                flood.stop();
                String floodEnd = flood.toString();
                int dropRounds = 0;
                int last = -1;
                while (last != withoutAttacker && dropRounds < WebSocketFloodContract.DROP_ROUNDS) {
                    last = round(crowd, watch, flood);
                    dropRounds++;
                }
                figures = new Figures(floodEnd, rounds, dropRounds, crowd.slowest(), watch.summary());
                System.out.printf("%s: %s (count %d, without it %d)%n", name, figures, last, withoutAttacker);
                assertThat(last).as("%s (flood %s): the attacker is dropped within %d churn rounds once it is stuck, and the others are told"
                        + " (their count goes back to %d)", name, floodEnd, WebSocketFloodContract.DROP_ROUNDS, withoutAttacker)
                        .isEqualTo(withoutAttacker);
            } finally {
                attacker.close();
            }
        }
        watch.checkBrands();
        assertThat(Http.get(server.baseUri(), "/time").status()).as("%s: /time afterwards", name).isEqualTo(200);
        return figures;
    }

    private static void check(ServerWatch watch, Flood flood) {
        try {
            watch.checkBrands();
            watch.checkMemory();
        } catch (AssertionError e) {
            throw new AssertionError("flood " + flood + "; " + watch.summary() + ": " + e.getMessage(), e);
        }
    }

    /** One churn round, then /brands and the server's memory; a failure says how far the flood had got. */
    private static int round(CounterCrowd crowd, ServerWatch watch, Flood flood) {
        try {
            int last = crowd.churn(ServerWatch.PROMPT);
            watch.checkBrands();
            watch.checkMemory();
            return last;
        } catch (AssertionError e) {
            throw new AssertionError("flood " + flood + "; " + watch.summary() + ": " + e.getMessage(), e);
        }
    }
}
