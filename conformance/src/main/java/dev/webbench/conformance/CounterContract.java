package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract point 7: the {@code /counter} WebSocket. Counts are relative to what the first client sees, so leftovers never matter. */
@DisplayName("WebSocket counter")
public interface CounterContract extends KitTarget {
    Duration PROMPT = Duration.ofSeconds(3);

    @Test
    @DisplayName("7. Every connected client receives the new count on each connect and disconnect")
    default void req7_countOnConnectAndDisconnect() {
        try (CounterClient first = CounterClient.connect(base())) {
            int baseline = settle(first);
            try (CounterClient second = CounterClient.connect(base())) {
                first.awaitCount(baseline + 1, PROMPT);
                assertThat(second.nextCount(PROMPT)).as("the newcomer's own first message").isEqualTo(baseline + 1);
            }
            first.awaitCount(baseline, PROMPT);
        }
    }

    @Test
    @DisplayName("7. Client messages are ignored: no reply, and the connection stays open")
    default void req7_clientMessagesAreIgnored() {
        try (CounterClient client = CounterClient.connect(base())) {
            int baseline = settle(client);
            client.send("hello");
            client.send("{\"count\": 99}");
            assertThat(client.staysQuiet(Duration.ofMillis(500))).as("no reply to client messages").isTrue();
            assertThat(client.isOpen()).isTrue();
            try (CounterClient other = CounterClient.connect(base())) {
                client.awaitCount(baseline + 1, PROMPT);
            }
        }
    }

    @Test
    @DisplayName("7. Twenty clients connecting in parallel all converge on the same count, which drops back when they leave")
    default void req7_severalClientsInParallel() throws Exception {
        int clients = 20;
        try (CounterClient observer = CounterClient.connect(base())) {
            int baseline = settle(observer);
            List<CounterClient> connected = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<CompletableFuture<CounterClient>> futures = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    futures.add(CompletableFuture.supplyAsync(() -> CounterClient.connect(base()), pool));
                }
                for (CompletableFuture<CounterClient> future : futures) {
                    connected.add(future.get());
                }
            }
            try {
                observer.awaitCount(baseline + clients, PROMPT);
                for (CounterClient client : connected) {
                    client.awaitCount(baseline + clients, PROMPT);
                }
            } finally {
                connected.forEach(CounterClient::close);
            }
            observer.awaitCount(baseline, PROMPT);
        }
    }

    @Test
    @DisplayName("7. A client that vanishes with a TCP reset is dropped and the others are told")
    default void req7_abruptTcpCloseIsCounted() {
        try (CounterClient observer = CounterClient.connect(base())) {
            int baseline = settle(observer);
            RawWebSocket vanishing = RawWebSocket.connect(base(), 0);
            observer.awaitCount(baseline + 1, PROMPT);
            vanishing.reset();
            observer.awaitCount(baseline, Duration.ofSeconds(10));
        }
    }

    @Test
    @DisplayName("7. A text frame over 4 KiB from a client closes its socket with 1009, and the others are told")
    default void req7_oversizedFrameClosesWith1009() {
        try (CounterClient observer = CounterClient.connect(base())) {
            int baseline = settle(observer);
            CounterClient sender = CounterClient.connect(base());
            observer.awaitCount(baseline + 1, PROMPT);
            sender.send("x".repeat(dev.webbench.contract.Limits.MAX_WEBSOCKET_FRAME_BYTES + 1));
            assertThat(sender.awaitCloseCode(PROMPT)).as("close code for an oversized frame").isEqualTo(1009);
            sender.close();
            observer.awaitCount(baseline, PROMPT);
        }
    }

    private static int settle(CounterClient client) {
        return client.settle(PROMPT, Duration.ofMillis(300));
    }
}
