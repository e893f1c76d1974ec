package dev.webbench.bench.resilience;

import dev.webbench.bench.model.ResilienceResults.Fault;
import dev.webbench.conformance.JarProcess;
import dev.webbench.conformance.LoadGenerator;
import dev.webbench.conformance.ResilienceContract;
import dev.webbench.conformance.ServerUnderTest;
import dev.webbench.conformance.ShutdownContract;
import dev.webbench.provision.Postgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The drills that break or lean on the database under load, judged by the bench itself: a restart, a pool
 * exhaustion, and SIGTERM while clients POST (every acknowledged write must have its row). The kit's
 * {@link ResilienceContract} checks the same faults as tests; the bounds come from it.
 */
final class DatabaseDrills {
    private final Postgres postgres;

    DatabaseDrills(Postgres postgres) {
        this.postgres = postgres;
    }

    /** What the contract allows for a 503 from a server on the default DB timeout, as the kit computes it. */
    private Duration unavailableBound(URI base) {
        return ServerUnderTest.remote(base, postgres).unavailableBound();
    }

    Fault restartUnderLoad(URI base) throws Exception {
        if (!postgres.restartable()) {
            return new Fault("database-restart", 0, Map.of(), 0, null, null, true,
                    "skipped: the " + postgres.provider() + " database is not ours to restart");
        }
        Window window = underLoad(8, i -> LoadGenerator.get(base, "/products/" + (1 + i % 1000)), ResilienceContract.OUTAGE,
                postgres::stop, postgres::start);
        return judge("database-restart", window, unavailableBound(base), "database down for " + ResilienceContract.OUTAGE.toSeconds() + " s");
    }

    Fault poolExhaustion(URI base) throws Exception {
        Duration bound = unavailableBound(base);
        try (Connection locker = postgres.connect()) {
            locker.setAutoCommit(false);
            Window window = underLoad(20, i -> LoadGenerator.get(base, "/brands"), bound, () -> {
                try (Statement lock = locker.createStatement()) {
                    lock.execute("LOCK TABLE brand IN ACCESS EXCLUSIVE MODE");
                }
            }, locker::rollback);
            return judge("pool-exhaustion", window, bound, "brand locked for " + bound.toMillis() + " ms");
        }
    }

    /** One side of a fault: bringing it on, or taking it away. */
    private interface Step {
        void run() throws Exception;
    }

    /** What clients saw from a second before the fault until service was clean again, and when the fault began and ended. */
    private record Window(List<LoadGenerator.Outcome> outcomes, long faultStart, long faultEnd) {
    }

    /** Steady load; after a second the fault for {@code length}; then the load goes on until 20 answers in a row are clean. */
    private static Window underLoad(int clients, IntFunction<HttpRequest> request, Duration length, Step begin, Step end) throws Exception {
        try (LoadGenerator load = new LoadGenerator(clients, request)) {
            JarProcess.sleep(1000);
            long faultStart = System.nanoTime();
            begin.run();
            try {
                JarProcess.sleep(length.toMillis());
            } finally {
                end.run();
            }
            long faultEnd = System.nanoTime();
            awaitClean(load, faultEnd);
            return new Window(load.outcomes(), faultStart, faultEnd);
        }
    }

    /** SIGTERM while 16 clients POST: every 201 must have its row, and the process must exit within the kit's bound. */
    Fault shutdownUnderLoad(URI base, JarProcess process) throws InterruptedException {
        String prefix = "drill-" + UUID.randomUUID() + "-";
        List<LoadGenerator.Outcome> outcomes;
        long stopMillis;
        boolean exited;
        try (LoadGenerator load = new LoadGenerator(16, i -> HttpRequest.newBuilder(base.resolve("/product")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"" + prefix + Thread.currentThread().getName() + "-" + i
                        + "\",\"brand_id\":" + (1 + i % 100) + "}")).build())) {
            JarProcess.sleep(1500);
            long started = System.nanoTime();
            exited = process.stop(ShutdownContract.EXIT_BOUND);
            stopMillis = (System.nanoTime() - started) / 1_000_000;
            load.close();
            outcomes = load.outcomes();
        }
        long acknowledged = outcomes.stream().filter(o -> o.status() == 201).count();
        long rows;
        try (Connection connection = postgres.connect();
             var statement = connection.prepareStatement("SELECT count(*) FROM product WHERE product_name LIKE ?")) {
            statement.setString(1, prefix + "%");
            try (var result = statement.executeQuery()) {
                result.next();
                rows = result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the drill's rows: " + e.getMessage(), e);
        }
        boolean nothingLost = rows >= acknowledged;
        boolean cleanAnswers = outcomes.stream().allMatch(o -> o.status() == 201 || o.status() == 503 || o.status() == -1);
        return new Fault("shutdown-under-load", outcomes.size(), statuses(outcomes), 0, (double) stopMillis, null,
                nothingLost && exited && cleanAnswers,
                acknowledged + " acknowledged, " + rows + " rows; stopped in " + stopMillis + " ms"
                        + (nothingLost ? "" : "; ACKNOWLEDGED WRITES LOST") + (exited ? "" : "; slow exit")
                        + (cleanAnswers ? "" : "; unexpected statuses"));
    }

    /** Passed: only 200 or 503, every 503 within the bound, full service back within the kit's recovery bound. */
    private static Fault judge(String name, Window window, Duration unavailableBound, String what) {
        List<LoadGenerator.Outcome> outcomes = window.outcomes();
        long faultStart = window.faultStart();
        long faultEnd = window.faultEnd();
        Map<Integer, Long> statuses = statuses(outcomes);
        long errors = outcomes.stream().filter(o -> o.status() != 200).count();
        double maxLatency = outcomes.stream().filter(o -> o.endedNanos() > faultStart)
                .mapToDouble(o -> o.took().toNanos() / 1e6).max().orElse(0);
        long lastError = outcomes.stream().filter(o -> o.status() != 200).mapToLong(LoadGenerator.Outcome::endedNanos).max().orElse(faultEnd);
        double recovery = Math.max(0, (lastError - faultEnd) / 1e6);
        boolean onlyExpected = statuses.keySet().stream().allMatch(s -> s == 200 || s == 503);
        boolean fast = outcomes.stream().filter(o -> o.status() == 503).allMatch(o -> o.took().compareTo(unavailableBound) <= 0);
        boolean recovered = recovery <= ResilienceContract.RECOVERY_BOUND.toMillis();
        String verdict = (onlyExpected ? "" : "unexpected statuses; ") + (fast ? "" : "slow 503s; ") + (recovered ? "" : "slow recovery; ");
        return new Fault(name, outcomes.size(), statuses, errors, maxLatency, recovery, onlyExpected && fast && recovered,
                what + (verdict.isEmpty() ? "" : "; " + verdict.strip()));
    }

    private static void awaitClean(LoadGenerator load, long since) {
        long deadline = since + ResilienceContract.RECOVERY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<LoadGenerator.Outcome> recent = load.outcomes().stream().filter(o -> o.startedNanos() > since).toList();
            int n = recent.size();
            if (n >= 20 && recent.subList(n - 20, n).stream().allMatch(o -> o.status() == 200)) {
                return;
            }
            JarProcess.sleep(50);
        }
    }

    static Map<Integer, Long> statuses(List<LoadGenerator.Outcome> outcomes) {
        Map<Integer, Long> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts;
    }
}
