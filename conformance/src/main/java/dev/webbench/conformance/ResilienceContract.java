package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonError;
import static dev.webbench.conformance.Checks.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.contract.Messages;
import dev.webbench.provision.Postgres;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract points 7 and 9 under load: database faults, WebSocket abuse and SIGTERM while requests keep coming. */
@DisplayName("Resilience under load")
public interface ResilienceContract extends KitTarget {
    Duration OUTAGE = Duration.ofSeconds(3);
    Duration RECOVERY_BOUND = Duration.ofSeconds(20);
    /**
     * Concurrent requests in the burst check: more than a default pool plus a wait queue of 1,024 (Jetty's QoSHandler
     * default) can hold, so that an implementation bounding its queue so turns some away.
     */
    int BURST = 1_200;
    /** What "at once" means for a request turned away ("server busy") or for {@code /time} beside a burst. */
    Duration PROMPT = Duration.ofSeconds(1);

    @Test
    @DisplayName("9. Database restart under steady load: only 200 or fast 503 meanwhile, full service again by itself")
    default void req9_databaseRestartUnderLoad() throws Exception {
        Postgres db = database();
        Assumptions.assumeTrue(db.restartable(), "the " + db.provider() + " database cannot be stopped and started by the kit");
        Duration bound = server().unavailableBound();
        long stoppedAt;
        long startedAt;
        List<LoadGenerator.Outcome> outcomes;
        try (LoadGenerator load = new LoadGenerator(8, i -> LoadGenerator.get(base(), "/products/" + (1 + i % 1000)))) {
            JarProcess.sleep(500);
            stoppedAt = System.nanoTime();
            db.stop();
            try {
                JarProcess.sleep(OUTAGE.toMillis());
            } finally {
                db.start();
                startedAt = System.nanoTime();
            }
            awaitRecovery(load, startedAt);
            outcomes = load.outcomes();
        }
        List<LoadGenerator.Outcome> odd = outcomes.stream().filter(o -> o.status() != 200 && o.status() != 503).toList();
        assertThat(odd).as("answers other than 200/503 during the restart (statuses %s)", statusSummary(outcomes)).isEmpty();
        List<LoadGenerator.Outcome> slow = outcomes.stream().filter(o -> o.status() == 503 && o.took().compareTo(bound) > 0).toList();
        assertThat(slow).as("503s slower than %d ms", bound.toMillis()).isEmpty();
        assertThat(outcomes.stream().filter(o -> o.status() == 503 && o.startedNanos() > stoppedAt && o.endedNanos() < startedAt).count())
                .as("the outage was seen (503 while the database was down)").isPositive();
        long lastFailure = outcomes.stream().filter(o -> o.status() != 200).mapToLong(LoadGenerator.Outcome::endedNanos).max().orElse(startedAt);
        System.out.printf("[kit] %s: database restart under load, %s; last error %d ms after the database returned%n",
                server().name().orElse(base().toString()), statusSummary(outcomes), Math.max(0, (lastFailure - startedAt) / 1_000_000));
    }

    @Test
    @DisplayName("9. Pool exhaustion: queries blocked by a table lock answer 503 within the bound and recover, without leaking connections")
    default void req9_poolExhaustion_recovers() throws Exception {
        Postgres db = database();
        Duration bound = server().unavailableBound();
        burst(40);
        JarProcess.sleep(1000); // let pools that fill in the background settle
        long connectionsBefore = serverConnections(db);
        List<LoadGenerator.Outcome> duringLock;
        try (Connection locker = db.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE brand IN ACCESS EXCLUSIVE MODE");
            }
            try (LoadGenerator load = new LoadGenerator(20, i -> LoadGenerator.get(base(), "/brands"))) {
                JarProcess.sleep(bound.toMillis() + 1500);
                load.close();
                duringLock = load.outcomes();
            }
            assertThat(Http.get(base(), "/time").status()).as("/time while the pool is exhausted").isEqualTo(200);
            locker.rollback();
        }
        assertThat(duringLock).as("requests during the lock").isNotEmpty();
        assertThat(duringLock).as("every request during the lock got 503 (statuses %s)", statusSummary(duringLock))
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(503));
        assertThat(duringLock).as("each within %d ms", bound.toMillis()).allSatisfy(o -> assertThat(o.took()).isLessThan(bound));
        long started = System.nanoTime();
        while (Http.get(base(), "/brands").status() != 200) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("recovery after the lock").isLessThan(RECOVERY_BOUND);
            JarProcess.sleep(50);
        }
        burst(40);
        // A leak of one connection per failed request would add dozens; pools may still grow a little.
        // (Threads and memory over time are the bench's soak: in-process, the kit's own threads would blur them.)
        assertThat(serverConnections(db)).as("server connections after the fault vs before (%d)", connectionsBefore)
                .isLessThanOrEqualTo(connectionsBefore + 10);
    }

    @Test
    @DisplayName("9. A burst of 1,200 requests while the database is locked: every one a JSON 503 within the bound (\"server busy\" at once), /time prompt throughout, full service right after")
    default void req9_burstBeyondCapacity_fast503s_thenService() throws Exception {
        Postgres db = database();
        Duration bound = server().unavailableBound();
        List<Http.Reply> replies = new ArrayList<>();
        Http.Reply time;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
             Connection locker = db.connect()) {
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
    @DisplayName("9. SIGTERM during POST load: every 201 is in the database, no response is cut, the process exits in time")
    default void req9_sigtermUnderPostLoad_losesNothing() throws Exception {
        var declared = server().declaredJar();
        Assumptions.assumeTrue(declared.isPresent(), "no runnable jar given (system property kit.jar)");
        Path jar = server().runnableJar().orElseThrow(() -> new AssertionError("the runnable jar " + declared.get() + " does not exist"));
        Postgres db = database();
        Map<String, String> env = server().threadModel().map(m -> Map.of("THREAD_MODEL", m.label())).orElse(Map.of());
        String prefix = "sigterm-" + UUID.randomUUID() + "-";
        List<LoadGenerator.Outcome> outcomes;
        int exit;
        try (JarProcess process = JarProcess.start(jar, db.settings(), env)) {
            try (LoadGenerator load = new LoadGenerator(16, i -> HttpRequest.newBuilder(process.uri().resolve("/product"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"" + prefix + Thread.currentThread().getName() + "-" + i
                            + "\",\"brand_id\":" + (1 + i % 100) + "}")).build())) {
                JarProcess.sleep(1500);
                process.terminate();
                exit = process.awaitExit(ShutdownContract.EXIT_BOUND);
                load.close();
                outcomes = load.outcomes();
            }
            assertThat(exit).as("exit code; output:\n" + process.output()).isIn(0, 143);
        }
        List<LoadGenerator.Outcome> created = outcomes.stream().filter(o -> o.status() == 201).toList();
        assertThat(created).as("some POSTs succeeded before SIGTERM").isNotEmpty();
        for (LoadGenerator.Outcome o : created) {
            assertThat(o.body()).as("a 201 body is whole JSON").startsWith("{").endsWith("}");
        }
        assertThat(outcomes.stream().filter(o -> o.status() >= 0 && o.status() != 201 && o.status() != 503).toList())
                .as("answers other than 201/503 (statuses %s)", statusSummary(outcomes)).isEmpty();
        long rows = count(db, "SELECT count(*) FROM product WHERE product_name LIKE ?", prefix + "%");
        assertThat(rows).as("rows vs 201 answers").isGreaterThanOrEqualTo(created.size());
        System.out.printf("[kit] %s: SIGTERM under POST load, %s, %d rows%n", server().name().orElse("server"), statusSummary(outcomes), rows);
    }

    private void awaitRecovery(LoadGenerator load, long startedAt) {
        while (true) {
            List<LoadGenerator.Outcome> recent = load.outcomes().stream().filter(o -> o.startedNanos() > startedAt).toList();
            int n = recent.size();
            if (n >= 20 && recent.subList(n - 20, n).stream().allMatch(o -> o.status() == 200)) {
                return;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).as("20 clean answers in a row after the database returned")
                    .isLessThan(RECOVERY_BOUND);
            JarProcess.sleep(50);
        }
    }

    private void burst(int requests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            all.add(client.sendAsync(LoadGenerator.get(base(), "/products/" + (1 + i)), HttpResponse.BodyHandlers.discarding()));
        }
        all.forEach(CompletableFuture::join);
    }

    /** Connections to the database other than the kit's own sessions. */
    private static long serverConnections(Postgres db) {
        return count(db, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                + " AND datname = current_database()");
    }

    private static String statusSummary(List<LoadGenerator.Outcome> outcomes) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts.toString();
    }
}
