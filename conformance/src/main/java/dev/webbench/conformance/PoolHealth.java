package dev.webbench.conformance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Whether a server's pool is whole after a fault, exactly: with {@code brand} locked, just enough concurrent
 * {@code GET /brands} to put every pooled connection to work must show that many of the server's sessions waiting
 * on the lock (one connection short means one leaked inside the pool), must all succeed once the lock goes, and the
 * server's sessions must then number exactly the pool's connections (one more means one leaked outside it).
 */
public final class PoolHealth {
    /** How long the sessions count may take to settle after the slow requests (a pool replaces a connection in the background). */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private PoolHealth() {
    }

    /**
     * @param expectedConnections the pool's connections ({@link FaultTarget.PoolShape#connections()})
     * @param mostWaiting the most sessions of the server seen waiting on the lock at once
     * @param statuses the answers to the slow requests, by status
     * @param sessionsAfter the server's sessions once they settled
     */
    public record Result(String target, int expectedConnections, int requests, int mostWaiting, Map<Integer, Long> statuses,
            long sessionsAfter, Duration slowest) {
        public boolean healthy() {
            return mostWaiting == expectedConnections && statuses.keySet().equals(Set.of(200)) && sessionsAfter == expectedConnections;
        }

        public String line(String after) {
            return String.format("[kit] %s: pool after %s: %d of %d connections at work on %d slow requests (%s, slowest %d ms), %d sessions after (expected %d)",
                    target, after, mostWaiting, expectedConnections, requests, statuses, slowest.toMillis(), sessionsAfter, expectedConnections);
        }
    }

    public static Result check(FaultTarget target) {
        FaultTarget.PoolShape pool = target.pool();
        // The lock must go before the statement timeout ends the waits: they started at most this long ago.
        long releaseBy = target.dbTimeout().multipliedBy(7).dividedBy(10).toNanos();
        int mostWaiting = 0;
        List<CompletableFuture<Integer>> replies = new ArrayList<>();
        List<Long> took = Collections.synchronizedList(new ArrayList<>());
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             Connection locker = DatabaseFaults.kitConnection(target.db().settings());
             Connection watcher = DatabaseFaults.kitConnection(target.db().settings())) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE brand IN ACCESS EXCLUSIVE MODE");
            }
            long sent = System.nanoTime();
            for (int i = 0; i < pool.requestsToFill(); i++) {
                HttpRequest request = HttpRequest.newBuilder(target.base().resolve("/brands")).timeout(target.bound().plusSeconds(2)).build();
                long started = System.nanoTime();
                replies.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .handle((response, failure) -> {
                            took.add(System.nanoTime() - started);
                            return failure == null ? response.statusCode() : -1;
                        }));
            }
            while (System.nanoTime() - sent < releaseBy && mostWaiting < pool.connections()) {
                mostWaiting = Math.max(mostWaiting, (int) count(watcher, "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?"
                        + " AND wait_event_type = 'Lock' AND state = 'active'", target.applicationName()));
                JarProcess.sleep(10);
            }
            locker.rollback();
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
            long sessions = sessions(watcher, target.applicationName());
            long settleBy = System.nanoTime() + SETTLE.toNanos();
            while (sessions != pool.connections() && System.nanoTime() < settleBy) {
                JarProcess.sleep(50);
                sessions = sessions(watcher, target.applicationName());
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            replies.forEach(reply -> statuses.merge(reply.join(), 1L, Long::sum));
            long slowest = took.stream().mapToLong(Long::longValue).max().orElse(0);
            return new Result(target.name(), pool.connections(), pool.requestsToFill(), mostWaiting, statuses, sessions, Duration.ofNanos(slowest));
        } catch (SQLException e) {
            throw new AssertionError("the pool check could not reach the database: " + e.getMessage(), e);
        }
    }

    /**
     * Puts the server's pool to use once, without a lock: a pool that opens connections on demand (Vert.x's) then
     * has them, and the JIT has seen the path, so that a first {@link #check} measures the pool, not a cold start.
     */
    public static void warmUp(FaultTarget target) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
            for (int i = 0; i < target.pool().requestsToFill(); i++) {
                all.add(client.sendAsync(HttpRequest.newBuilder(target.base().resolve("/brands")).timeout(target.bound().plusSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        }
    }

    /** The server's sessions: every backend with its {@code application_name}. */
    static long sessions(Connection kit, String applicationName) throws SQLException {
        return count(kit, "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", applicationName);
    }

    private static long count(Connection kit, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = kit.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
