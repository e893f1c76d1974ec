package dev.webbench.bench;

import dev.webbench.config.AppConfig;
import dev.webbench.conformance.CounterClient;
import dev.webbench.conformance.KitRun;
import dev.webbench.conformance.LoadGenerator;
import dev.webbench.conformance.RawWebSocket;
import dev.webbench.provision.Postgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load-bearing faults of {@code ./compare resilience}, run against one started target: a
 * database restart and a pool exhaustion under steady load, a stuck WebSocket reader among 100
 * listeners, and a soak that samples memory and threads. Each records what clients saw, so a
 * failure is a figure, not a log line.
 */
public final class ResilienceDrills {
    /** What the contract allows for a 503: pool wait plus statement, each bounded by the default DB timeout, plus a margin. */
    static final Duration UNAVAILABLE_BOUND = AppConfig.DEFAULT_DB_TIMEOUT.multipliedBy(2).plusMillis(1500);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    public record Fault(String name, long requests, Map<Integer, Long> statuses, long errors, double maxLatencyMillis,
                 double recoveryMillis, boolean passed, String note) {
    }

    public record Sample(double atSeconds, long rssKib, int threads) {
    }

    public record Soak(double seconds, long requests, Map<Integer, Long> statuses, long rssStartKib, long rssEndKib, long rssMaxKib,
                int threadsStart, int threadsEnd, int threadsMax, double rssGrowthKibPerMinute, boolean leakSuspected,
                List<Sample> samples) {
    }

    /**
     * The kit's hostile groups ({@code HostileKit}: the HTTP/1.1 and WebSocket corpora, floods, slow clients) run
     * against the target: how many cases were tried, and each failure with its reason. The kit asserts; this records.
     */
    public record Hostile(int tried, int failed, int skipped, List<String> failures) {
        public boolean passed() {
            return failed == 0 && skipped == 0;
        }
    }

    /** One target's drills; {@code hostile} is null in runs recorded before the hostile groups existed (schema 1). */
    public record TargetResult(String target, List<Fault> faults, Soak soak, Hostile hostile, boolean passed) {
    }

    private final Postgres postgres;

    ResilienceDrills(Postgres postgres) {
        this.postgres = postgres;
    }

    TargetResult run(Target target, ServerProcess process, Duration soakDuration, Path hostileLog, java.io.PrintStream out) throws Exception {
        URI base = process.uri();
        List<Fault> faults = new ArrayList<>();
        out.printf("  %s · database restart under load%n", target.name());
        faults.add(postgres.restartable() ? databaseRestart(base)
                : new Fault("database-restart", 0, Map.of(), 0, 0, -1, true, "skipped: the " + postgres.provider() + " database is not ours to restart"));
        out.printf("  %s · pool exhaustion (LOCK TABLE brand)%n", target.name());
        faults.add(poolExhaustion(base));
        out.printf("  %s · stuck WebSocket reader among 100 listeners%n", target.name());
        faults.add(slowConsumer(base));
        out.printf("  %s · soak for %d s%n", target.name(), soakDuration.toSeconds());
        Soak soak = soak(base, process, soakDuration);
        out.printf("  %s · hostile clients: the kit's hostile groups (each case in %s)%n", target.name(), hostileLog);
        Hostile hostile = hostile(base, process.pid(), hostileLog);
        out.printf("  %s · %d hostile cases tried, %d failed%n", target.name(), hostile.tried(), hostile.failed());
        out.printf("  %s · SIGTERM under POST load%n", target.name());
        faults.add(shutdownUnderLoad(base, process));
        boolean passed = faults.stream().allMatch(Fault::passed) && !soak.leakSuspected() && hostile.passed()
                && soak.statuses().keySet().stream().allMatch(s -> s == 200 || s == 201);
        return new TargetResult(target.name(), faults, soak, hostile, passed);
    }

    private Hostile hostile(URI base, long pid, Path log) throws java.io.IOException {
        Files.createDirectories(log.getParent());
        System.setProperty("kit.server.pid", String.valueOf(pid)); // the floods then bound the server's RSS too
        try (java.io.PrintStream cases = new java.io.PrintStream(Files.newOutputStream(log), true, java.nio.charset.StandardCharsets.UTF_8)) {
            KitRun.Summary summary = KitRun.run(base, postgres, KitRun.Scope.HOSTILE, null, cases);
            return new Hostile(summary.tried(), summary.failed(), summary.skipped(), summary.failures());
        }
    }

    private Fault databaseRestart(URI base) throws InterruptedException {
        long stoppedAt;
        long startedAt;
        List<LoadGenerator.Outcome> outcomes;
        try (LoadGenerator load = new LoadGenerator(8, i -> LoadGenerator.get(base, "/products/" + (1 + i % 1000)))) {
            ServerProcess.sleep(1000);
            stoppedAt = System.nanoTime();
            postgres.stop();
            try {
                ServerProcess.sleep(OUTAGE.toMillis());
            } finally {
                postgres.start();
                startedAt = System.nanoTime();
            }
            awaitClean(load, startedAt);
            outcomes = load.outcomes();
        }
        return judge("database-restart", outcomes, stoppedAt, startedAt, "database down for " + OUTAGE.toSeconds() + " s");
    }

    private Fault poolExhaustion(URI base) throws InterruptedException, SQLException {
        long lockedAt;
        long releasedAt;
        List<LoadGenerator.Outcome> outcomes;
        try (LoadGenerator load = new LoadGenerator(20, i -> LoadGenerator.get(base, "/brands"));
             Connection locker = postgres.connect()) {
            ServerProcess.sleep(1000);
            locker.setAutoCommit(false);
            lockedAt = System.nanoTime();
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE brand IN ACCESS EXCLUSIVE MODE");
                ServerProcess.sleep(UNAVAILABLE_BOUND.toMillis());
            } finally {
                locker.rollback();
                releasedAt = System.nanoTime();
            }
            awaitClean(load, releasedAt);
            outcomes = load.outcomes();
        }
        return judge("pool-exhaustion", outcomes, lockedAt, releasedAt, "brand locked for " + UNAVAILABLE_BOUND.toMillis() + " ms");
    }

    /** Passed: only 200 or 503, every 503 within the bound, full service back within the recovery bound. */
    private static Fault judge(String name, List<LoadGenerator.Outcome> outcomes, long faultStart, long faultEnd, String what) {
        Map<Integer, Long> statuses = statuses(outcomes);
        long errors = outcomes.stream().filter(o -> o.status() != 200).count();
        double maxLatency = outcomes.stream().filter(o -> o.endedNanos() > faultStart)
                .mapToDouble(o -> o.took().toNanos() / 1e6).max().orElse(0);
        long lastError = outcomes.stream().filter(o -> o.status() != 200).mapToLong(LoadGenerator.Outcome::endedNanos).max().orElse(faultEnd);
        double recovery = Math.max(0, (lastError - faultEnd) / 1e6);
        boolean onlyExpected = statuses.keySet().stream().allMatch(s -> s == 200 || s == 503);
        boolean fast = outcomes.stream().filter(o -> o.status() == 503).allMatch(o -> o.took().compareTo(UNAVAILABLE_BOUND) <= 0);
        boolean recovered = recovery <= RECOVERY_BOUND.toMillis();
        String verdict = (onlyExpected ? "" : "unexpected statuses; ") + (fast ? "" : "slow 503s; ") + (recovered ? "" : "slow recovery; ");
        return new Fault(name, outcomes.size(), statuses, errors, maxLatency, recovery, onlyExpected && fast && recovered,
                what + (verdict.isEmpty() ? "" : "; " + verdict.strip()));
    }

    private static Fault slowConsumer(URI base) {
        List<CounterClient> listeners = new ArrayList<>();
        try (RawWebSocket stuck = RawWebSocket.connect(base, 1024)) {
            for (int i = 0; i < 100; i++) {
                listeners.add(CounterClient.connect(base));
            }
            int settled = listeners.getLast().settle(Duration.ofSeconds(5), Duration.ofMillis(500));
            listeners.forEach(l -> l.drain(Duration.ofMillis(20)));
            Duration slowest = Duration.ZERO;
            int rounds = 10;
            for (int round = 0; round < rounds; round++) {
                try (CounterClient passer = CounterClient.connect(base)) {
                    for (CounterClient listener : listeners) {
                        Duration took = listener.awaitCount(settled + 1, Duration.ofSeconds(3));
                        slowest = took.compareTo(slowest) > 0 ? took : slowest;
                    }
                }
                for (CounterClient listener : listeners) {
                    listener.awaitCount(settled, Duration.ofSeconds(3));
                }
            }
            return new Fault("slow-consumer", rounds * 2L * listeners.size(), Map.of(), 0, slowest.toNanos() / 1e6, 0, true,
                    "slowest of " + rounds * 2 * listeners.size() + " updates to 100 listeners beside a stuck reader");
        } catch (AssertionError | RuntimeException e) {
            return new Fault("slow-consumer", 0, Map.of(), 1, -1, -1, false, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        } finally {
            listeners.forEach(CounterClient::close);
        }
    }

    /** SIGTERM while 16 clients POST: every 201 must have its row, and the process must exit within the bound. */
    private Fault shutdownUnderLoad(URI base, ServerProcess process) throws InterruptedException {
        String prefix = "drill-" + java.util.UUID.randomUUID() + "-";
        List<LoadGenerator.Outcome> outcomes;
        long stopMillis;
        try (LoadGenerator load = new LoadGenerator(16, i -> HttpRequest.newBuilder(base.resolve("/product")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"" + prefix + Thread.currentThread().getName() + "-" + i
                        + "\",\"brand_id\":" + (1 + i % 100) + "}")).build())) {
            ServerProcess.sleep(1500);
            long started = System.nanoTime();
            process.close();
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
        boolean exitedInTime = stopMillis < 15_000 && !process.alive();
        boolean cleanAnswers = outcomes.stream().allMatch(o -> o.status() == 201 || o.status() == 503 || o.status() == -1);
        return new Fault("shutdown-under-load", outcomes.size(), statuses(outcomes), 0, stopMillis, 0,
                nothingLost && exitedInTime && cleanAnswers,
                acknowledged + " acknowledged, " + rows + " rows; stopped in " + stopMillis + " ms"
                        + (nothingLost ? "" : "; ACKNOWLEDGED WRITES LOST") + (exitedInTime ? "" : "; slow exit")
                        + (cleanAnswers ? "" : "; unexpected statuses"));
    }

    /** Mixed load (70% product-by-id, 20% brands, 10% create) while memory and threads are sampled every second. */
    private static Soak soak(URI base, ServerProcess process, Duration duration) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        List<LoadGenerator.Outcome> outcomes;
        long started = System.nanoTime();
        try (LoadGenerator load = new LoadGenerator(8, i -> switch (i % 10) {
            case 0 -> HttpRequest.newBuilder(base.resolve("/product")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"soak-" + i + "\",\"brand_id\":" + (1 + i % 100) + "}")).build();
            case 1, 2 -> LoadGenerator.get(base, "/brands");
            default -> LoadGenerator.get(base, "/products/" + (1 + (i * 7919) % 1000));
        })) {
            while (System.nanoTime() - started < duration.toNanos()) {
                samples.add(new Sample((System.nanoTime() - started) / 1e9, process.rssKib(), ProcFs.threads(process.pid())));
                ServerProcess.sleep(1000);
            }
            load.close();
            outcomes = load.outcomes();
        }
        samples.add(new Sample((System.nanoTime() - started) / 1e9, process.rssKib(), ProcFs.threads(process.pid())));
        double slope = slopePerMinute(samples);
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        // A leak shows as growth that does not level off: the last third well above the first, and still climbing.
        int third = Math.max(1, samples.size() / 3);
        double early = samples.subList(0, third).stream().mapToLong(Sample::rssKib).average().orElse(0);
        double late = samples.subList(samples.size() - third, samples.size()).stream().mapToLong(Sample::rssKib).average().orElse(0);
        boolean leak = samples.size() >= 30 && late > early * 1.25 && slope > 0;
        return new Soak((System.nanoTime() - started) / 1e9, outcomes.size(), statuses(outcomes), first.rssKib(), last.rssKib(),
                samples.stream().mapToLong(Sample::rssKib).max().orElse(-1), first.threads(), last.threads(),
                samples.stream().mapToInt(Sample::threads).max().orElse(-1), slope, leak, samples);
    }

    /** Least-squares slope of RSS over time, in KiB per minute. */
    static double slopePerMinute(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(Sample::atSeconds).average().orElse(0);
        double meanY = samples.stream().mapToDouble(Sample::rssKib).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (Sample s : samples) {
            covariance += (s.atSeconds() - meanX) * (s.rssKib() - meanY);
            variance += (s.atSeconds() - meanX) * (s.atSeconds() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 60;
    }

    private static void awaitClean(LoadGenerator load, long since) {
        long deadline = since + RECOVERY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            List<LoadGenerator.Outcome> recent = load.outcomes().stream().filter(o -> o.startedNanos() > since).toList();
            int n = recent.size();
            if (n >= 20 && recent.subList(n - 20, n).stream().allMatch(o -> o.status() == 200)) {
                return;
            }
            ServerProcess.sleep(50);
        }
    }

    private static Map<Integer, Long> statuses(List<LoadGenerator.Outcome> outcomes) {
        Map<Integer, Long> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts;
    }
}
