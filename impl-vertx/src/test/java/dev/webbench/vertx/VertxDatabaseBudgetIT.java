package dev.webbench.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code DB_POOL_SIZE} is the process's connections in all, not per event loop: counted in {@code pg_stat_activity}
 * while more requests than connections wait on a lock, on a real PostgreSQL.
 */
@DisplayName("impl-vertx: DB_POOL_SIZE=6 on 2 event loops opens 6 connections in all")
class VertxDatabaseBudgetIT {
    private static final int EVENT_LOOPS = 2;
    private static final int POOL_SIZE = 6;
    /** Twice the budget: with DB_POOL_SIZE per event loop (the old meaning), 12 sessions would open. */
    private static final int REQUESTS = 2 * POOL_SIZE;
    private static final Duration SETTLED = Duration.ofSeconds(1);
    private static Postgres postgres;
    private static VertxApp app;

    @BeforeAll
    static void start() {
        postgres = PostgresProvisioner.fromEnvironment();
        PostgresProvisioner.seed(postgres);
        Map<String, String> env = new HashMap<>(postgres.settings().asEnvironment());
        env.putAll(Map.of("PORT", "0", "DB_POOL_SIZE", String.valueOf(POOL_SIZE), "DB_PIPELINING", "1", "DB_TIMEOUT_MS", "10000"));
        app = VertxApp.start(AppConfig.fromEnv(env), EVENT_LOOPS).await();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theBudgetIsTheProcesssConnectionsSplitOverTheEventLoops() throws Exception {
        List<CompletableFuture<Integer>> replies = new ArrayList<>();
        long mostWorking = 0;
        long mostSessions = 0;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
             Connection locker = postgres.connect();
             Connection watcher = postgres.connect()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE brand IN ACCESS EXCLUSIVE MODE");
            }
            // Each request on a connection of its own: Vert.x hands connections to the event loops in turn.
            for (int i = 0; i < REQUESTS; i++) {
                replies.add(client.sendAsync(HttpRequest.newBuilder(app.uri().resolve("/brands")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long settledAt = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settledAt)) {
                long working = count(watcher, " AND wait_event_type = 'Lock' AND state = 'active'");
                mostWorking = Math.max(mostWorking, working);
                mostSessions = Math.max(mostSessions, count(watcher, ""));
                if (working >= POOL_SIZE && settledAt == Long.MAX_VALUE) {
                    // Hold the lock a while longer: a pool per event loop of DB_POOL_SIZE would open more now.
                    settledAt = System.nanoTime() + SETTLED.toNanos();
                }
                Thread.sleep(10);
            }
            locker.rollback();
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(mostWorking).as("sessions at work on the blocked statements").isEqualTo(POOL_SIZE);
        assertThat(mostSessions).as("the server's sessions, at most").isEqualTo(POOL_SIZE);
        assertThat(replies).extracting(CompletableFuture::join).containsOnly(200);
    }

    @Test
    void theBudgetLineStatesTheTrueTotal() {
        Map<String, String> six = Map.of("DB_POOL_SIZE", "6", "DB_PIPELINING", "1");
        assertThat(Database.budget(AppConfig.fromEnv(six), EVENT_LOOPS).logLine())
                .isEqualTo("database budget: 6 connections x 1 pipelined = 6 statements in flight (configured)");
        assertThat(Database.budget(AppConfig.fromEnv(Map.of()), EVENT_LOOPS))
                .as("Vert.x's defaults: 4 per event loop, pipelining 16")
                .isEqualTo(new DatabaseBudget(8, 16, DatabaseBudget.Source.IMPLEMENTATION_DEFAULT));
        assertThat(Database.budget(AppConfig.fromEnv(Map.of("DB_POOL_SIZE", "1", "DB_PIPELINING", "64")), EVENT_LOOPS))
                .as("raised to one connection per event loop, and said so")
                .isEqualTo(new DatabaseBudget(2, 64, DatabaseBudget.Source.CONFIGURED));
        assertThat(Database.connectionsPerEventLoop(6, 4)).containsExactly(2, 2, 1, 1);
        assertThat(Database.connectionsPerEventLoop(6, 2)).containsExactly(3, 3);
    }

    private static long count(Connection watcher, String condition) throws SQLException {
        try (PreparedStatement statement = watcher.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?" + condition)) {
            statement.setString(1, VertxApp.NAME);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
