package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonError;
import static dev.webbench.conformance.Checks.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.contract.Messages;
import dev.webbench.provision.Postgres;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract points 7 and 9 under load: a burst on a locked database, WebSocket abuse and SIGTERM while requests keep
 * coming. The database faults (restart, killed sessions, freeze, ...) are {@link DatabaseFaultContract}'s.
 */
@DisplayName("Resilience under load")
public interface ResilienceContract extends KitTarget {
    /**
     * Concurrent requests in the burst check: more than a default pool plus a wait queue of 1,024 (Jetty's QoSHandler
     * default) can hold, so that an implementation bounding its queue so turns some away.
     */
    int BURST = 1_200;
    /** What "at once" means for a request turned away ("server busy") or for {@code /time} beside a burst. */
    Duration PROMPT = Duration.ofSeconds(1);

    @Test
    @DisplayName("9. A burst of 1,200 requests while the database is locked: every one a JSON 503 within the bound (\"server busy\" at once), /time prompt throughout, full service right after")
    default void req9_burstBeyondCapacity_fast503s_thenService() throws Exception {
        Postgres db = database();
        Duration bound = server().unavailableBound();
        List<Http.Reply> replies = new ArrayList<>();
        Http.Reply time;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
             Connection locker = db.connect()) {
            // The same burst on /time first, which needs no database: "at once" is about the server's queue for a
            // database turn, so neither side's cold start (1,200 TCP handshakes, code not yet compiled) may count in
            // it. A server still cold here answered its "server busy" in 1.1-1.6 s, when this check ran first.
            List<CompletableFuture<HttpResponse<Void>>> warmUp = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                warmUp.add(client.sendAsync(LoadGenerator.get(base(), "/time"), HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(warmUp.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE brand IN ACCESS EXCLUSIVE MODE");
            }
            List<CompletableFuture<Http.Reply>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                long started = System.nanoTime();
                burst.add(client.sendAsync(LoadGenerator.get(base(), "/brands"), HttpResponse.BodyHandlers.ofString())
                        .handle((response, failure) -> failure == null
                                ? new Http.Reply(response.statusCode(), response.headers(), response.body(), Duration.ofNanos(System.nanoTime() - started))
                                : new Http.Reply(-1, HttpHeaders.of(Map.of(), (name, value) -> true), failure.toString(),
                                        Duration.ofNanos(System.nanoTime() - started))));
            }
            JarProcess.sleep(200);
            time = Http.get(base(), "/time");
            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(bound.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            locker.rollback();
            burst.forEach(reply -> replies.add(reply.join()));
        }
        assertThat(time.status()).as("/time during the burst").isEqualTo(200);
        assertThat(time.elapsed()).as("/time during the burst: it needs no database, so it must not queue behind it").isLessThan(PROMPT);
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        replies.forEach(reply -> statuses.merge(reply.status(), 1L, Long::sum));
        assertThat(replies).as("answers to a burst of %d while /brands cannot complete (statuses %s)", BURST, statuses)
                .allSatisfy(reply -> assertJsonError(reply, 503, "GET /brands in the burst"));
        assertThat(replies).as("each within %d ms", bound.toMillis()).allSatisfy(reply -> assertThat(reply.elapsed()).isLessThan(bound));
        List<Http.Reply> busy = replies.stream().filter(reply -> reply.json().path("error").asText().equals(Messages.SERVER_BUSY)).toList();
        assertThat(busy).as("'%s' means turned away at once", Messages.SERVER_BUSY)
                .allSatisfy(reply -> assertThat(reply.elapsed()).isLessThan(PROMPT));
        Http.Reply after = Http.get(base(), "/brands");
        assertThat(after.status()).as("/brands right after the burst and the lock").isEqualTo(200);
        try (CounterClient newcomer = CounterClient.connect(base())) {
            assertThat(newcomer.nextCount(Duration.ofSeconds(3))).as("a WebSocket client right after the burst gets its count").isPositive();
        }
        System.out.printf("[kit] %s: burst of %d during a lock: %d turned away at once, slowest 503 %d ms; /time %d ms; /brands after %d ms%n",
                server().name().orElse(base().toString()), BURST, busy.size(),
                replies.stream().mapToLong(reply -> reply.elapsed().toMillis()).max().orElse(0), time.elapsed().toMillis(), after.elapsed().toMillis());
    }

    @Test
    @DisplayName("7. A connect/disconnect storm of 200 clients leaves the count exactly right")
    default void req7_connectDisconnectStorm_countIsExact() throws Exception {
        try (CounterClient observer = CounterClient.connect(base())) {
            int baseline = observer.settle(Duration.ofSeconds(3), Duration.ofMillis(300));
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<CompletableFuture<Void>> storm = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    boolean reset = i % 4 == 0;
                    storm.add(CompletableFuture.runAsync(() -> {
                        if (reset) {
                            RawWebSocket.connect(base(), 0).reset();
                        } else {
                            CounterClient.connect(base()).close();
                        }
                    }, pool));
                }
                CompletableFuture.allOf(storm.toArray(CompletableFuture[]::new)).get();
            }
            assertThat(observer.settle(Duration.ofSeconds(10), Duration.ofSeconds(1))).as("count after the storm").isEqualTo(baseline);
            try (CounterClient newcomer = CounterClient.connect(base())) {
                assertThat(newcomer.settle(Duration.ofSeconds(3), Duration.ofMillis(300))).as("a newcomer's count").isEqualTo(baseline + 1);
            }
        }
    }

    @Test
    @DisplayName("9. SIGTERM during mixed GET/POST load: every 201 is exactly its row, no error wrote one, no answer was cut after a commit, the process exits in time")
    default void req9_sigtermUnderPostLoad_losesNothing() throws Exception {
        var declared = server().declaredJar();
        Assumptions.assumeTrue(declared.isPresent(), "no runnable jar given (system property kit.jar)");
        Path jar = server().runnableJar().orElseThrow(() -> new AssertionError("the runnable jar " + declared.get() + " does not exist"));
        Postgres db = database();
        Map<String, String> env = server().threadModel().map(m -> Map.of("THREAD_MODEL", m.label())).orElse(Map.of());
        SigtermUnderLoad run;
        try (JarProcess process = JarProcess.start(jar, db.settings(), env)) {
            run = SigtermUnderLoad.run(process, db);
            System.out.println(run.line(server().name().orElse("server")));
            assertThat(run.problems()).as("SIGTERM under load (times from SIGTERM); output:%n%s", process.output()).isEmpty();
        }
    }
}
