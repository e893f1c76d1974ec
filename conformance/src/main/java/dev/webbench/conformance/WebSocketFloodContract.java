package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.contract.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract points 7 and 10: clients that send and never read. Each attack runs while well-behaved clients keep
 * using the server, and the server must bound what the attacker costs it, drop or stall the attacker, and keep
 * everyone else's service prompt.
 *
 * <p>Filling both socket buffers takes more than it seems: on loopback Linux grows the server's send buffer to
 * {@code tcp_wmem}'s maximum (4 MiB here) at once, and a 1 KiB receive buffer takes only a few KiB more. Counter
 * frames are 3 to 5 bytes, so counts alone would need some 50,000 broadcasts before the first one waits in the
 * server. Pings are the attacker's fast way: each 125-byte ping costs the server a 127-byte pong to write.
 */
@DisplayName("Hostile: clients that send and never read")
public interface WebSocketFloodContract extends KitTarget {
    /** Well-behaved counter clients that must keep their updates meanwhile. */
    int CROWD = 100;
    /**
     * What one flooding client sends at most: enough pongs to pass {@link ServerWatch#RSS_BOUND_KIB} from an idle
     * server's footprint where they are queued (impl-netty: 300 MiB of pings took its RSS from 130 to 947 MiB).
     */
    long FLOOD_BUDGET_BYTES = 256L * 1024 * 1024;
    /** How long a flood may last when the server neither blocks nor drops the flooder. */
    Duration FLOOD_TIME = Duration.ofSeconds(20);
    /**
     * Churn rounds allowed, once the attacker's buffers are full, before it must be dropped. A round sends every
     * client two counter frames (an arrival, a departure); past 64 unsent frames (CONTRACT.md Limits) the client
     * is dropped, so 33 rounds are enough; twice that allows for a few frames the kernel still takes.
     */
    int DROP_ROUNDS = Limits.MAX_PENDING_COUNTER_FRAMES + 2;
    /**
     * How often a passer-by comes and goes while a flood still flows. Rarely enough that the attacker gets fewer
     * than 64 counter frames from the churn in {@link #FLOOD_TIME}, so that only a bound on its pongs can stop it:
     * a server that bounds counter frames and queues pongs without limit must not pass thanks to the churn.
     */
    Duration FLOOD_CHURN_PERIOD = Duration.ofSeconds(2);
    /** The largest ping a client may send (RFC 6455 §5.5), masked as a client must. */
    byte[] PING = RawWebSocket.frame(RawWebSocket.PING, "p".repeat(125).getBytes(StandardCharsets.US_ASCII));

    @Test
    @DisplayName("7, 10. A client that floods pings and never reads is dropped or stalled; 100 others keep their counts within 1 s")
    default void req10_pingFloodWithoutReading() {
        NonReadingClient.PING_FLOOD.run(server());
    }

    @Test
    @DisplayName("7. A stuck reader whose socket buffers are full is dropped past 64 unsent frames; 100 others keep their counts within 1 s")
    default void req7_stuckReaderWithFullBuffersIsDropped() {
        NonReadingClient.STUCK_READER.run(server());
    }

    @Test
    @DisplayName("10. Twenty clients pipelining GET /brands without reading cost bounded memory; /brands stays prompt for others")
    default void req10_pipelinedFloodWithoutReading() throws IOException {
        byte[] request = ProtocolCorpus.request("GET /brands HTTP/1.1", "Host: localhost").getBytes(StandardCharsets.US_ASCII);
        byte[] batch = Flood.repeat(request, 1_000);
        long budget = 200_000L * request.length;
        for (int sockets : new int[] {20}) {
            String attack = "pipelined flood, " + sockets + " socket(s)";
            ServerWatch watch = new ServerWatch(server(), attack).warmedUp();
            List<RawHttp> connections = new ArrayList<>();
            List<Flood> floods = new ArrayList<>();
            try {
                for (int i = 0; i < sockets; i++) {
                    RawHttp connection = RawHttp.open(base());
                    connection.socket().setReceiveBufferSize(1024);
                    connections.add(connection);
                    floods.add(Flood.start(connection.socket(), batch, budget));
                }
                long until = System.nanoTime() + FLOOD_TIME.toNanos();
                long calmUntil = Long.MAX_VALUE;
                while (System.nanoTime() < Math.min(until, calmUntil)) {
                    try {
                        watch.checkBrands();
                        watch.checkMemory();
                    } catch (AssertionError e) {
                        throw new AssertionError(Flood.summary(floods) + "; " + watch.summary() + ": " + e.getMessage(), e);
                    }
                    JarProcess.sleep(200);
                    if (calmUntil == Long.MAX_VALUE && floods.stream().noneMatch(flood -> flood.state() == Flood.State.FLOWING)) {
                        calmUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // the server may still be working through what it read
                    }
                }
                System.out.printf("%s: %s; %s%n", attack, Flood.summary(floods), watch.summary());
            } finally {
                floods.forEach(Flood::stop);
                connections.forEach(RawHttp::close);
            }
            watch.checkBrands();
            watch.checkMemory();
        }
        assertThat(Http.get(base(), "/time").status()).as("/time afterwards").isEqualTo(200);
    }
}
