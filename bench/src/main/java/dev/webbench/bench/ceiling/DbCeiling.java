package dev.webbench.bench.ceiling;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.target.ProcFs;
import dev.webbench.config.PgSettings;
import dev.webbench.sql.Query;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The database ceiling: the product-by-id query driven straight at PostgreSQL over JDBC (server-side
 * prepared, random ids 1..1000), no HTTP. Every implementation's product-by-id rate reads as a
 * fraction of this one, measured in the same run on the same machine.
 */
public final class DbCeiling {

    private final PgSettings pg;
    private final int connections;

    public DbCeiling(PgSettings pg, int connections) {
        this.pg = pg;
        this.connections = connections;
    }

    private record Result(long queries, long errors, double seconds, double cpuSeconds) {
    }

    /** One repetition: {@code connections} JDBC loops for {@code duration}, as a product-by-id measurement of the bench's own CPU. */
    public Results.Measurement measure(Duration duration, int repetition, int order) {
        Result result = run(duration);
        String productById = Scenario.PRODUCT_BY_ID.id();
        return Results.Measurement.of(Results.DB_CEILING, productById, productById, connections, repetition, order, "jdbc-loop")
                .durationSeconds(result.seconds()).requests(result.queries()).requestsPerSecond(result.queries() / result.seconds())
                .errors(new Results.Errors(0, 0, 0, result.errors(), 0)).loadCpuSeconds(result.cpuSeconds())
                .ok(result.errors() == 0 && result.queries() > 0).build();
    }

    private Result run(Duration duration) {
        LongAdder queries = new LongAdder();
        LongAdder errors = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        double cpuBefore = ProcFs.cpuSeconds(ProcessHandle.current().pid());
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long seed = 20_240_601L + i;
            workers.add(Thread.ofPlatform().name(Results.DB_CEILING + "-" + i).start(() -> loop(seed, deadline, queries, errors)));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(queries.sum(), errors.sum(), seconds, ProcFs.cpuSeconds(ProcessHandle.current().pid()) - cpuBefore);
    }

    private void loop(long seed, long deadline, LongAdder queries, LongAdder errors) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl() + "?prepareThreshold=1", pg.user(), pg.password());
             PreparedStatement statement = connection.prepareStatement(Query.PRODUCT_BY_ID.jdbc())) {
            while (System.nanoTime() < deadline) {
                statement.setInt(1, 1 + random.nextInt(1000));
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        queries.increment();
                    } else {
                        errors.increment();
                    }
                }
            }
        } catch (SQLException e) {
            errors.increment();
        }
    }
}
