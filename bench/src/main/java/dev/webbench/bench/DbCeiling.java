package dev.webbench.bench;

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
final class DbCeiling {
    static final String NAME = "db-ceiling";

    private final PgSettings pg;
    private final int connections;

    DbCeiling(PgSettings pg, int connections) {
        this.pg = pg;
        this.connections = connections;
    }

    record Result(long queries, long errors, double seconds, double cpuSeconds) {
        double queriesPerSecond() {
            return queries / seconds;
        }
    }

    Result run(Duration duration) {
        LongAdder queries = new LongAdder();
        LongAdder errors = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        double cpuBefore = ProcFs.cpuSeconds(ProcessHandle.current().pid());
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long seed = 20_240_601L + i;
            workers.add(Thread.ofPlatform().name(NAME + "-" + i).start(() -> loop(seed, deadline, queries, errors)));
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
