package dev.webbench.bench.ceiling;

import dev.webbench.bench.target.ProcFs;
import dev.webbench.config.PgSettings;
import dev.webbench.sql.Query;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The database ceiling's load, run in its own JVM (pinned by the parent to the server CPUs, where a target's
 * database client runs): the product-by-id query (random ids 1..1000) straight at PostgreSQL, no HTTP, at one
 * in-flight budget. With pipelining 1, {@code connections} JDBC loops (server-side prepared), as the blocking
 * targets' pools; above 1, {@code connections} Vert.x connections each keeping {@code pipelining} statements in
 * flight, as impl-vertx's client. Prints one JSON line on stdout: {@link Outcome}.
 *
 * <p>Usage: {@code DbCeilingLoop <connections> <pipelining> <seconds>}, the database in libpq's environment
 * ({@code PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD}).
 */
public final class DbCeilingLoop {
    private final PgSettings pg;
    private final int connections;
    private final int pipelining;
    private final LongAdder queries = new LongAdder();
    private final LongAdder errors = new LongAdder();

    DbCeilingLoop(PgSettings pg, int connections, int pipelining) {
        if (connections < 1 || pipelining < 1) {
            throw new IllegalArgumentException("connections and pipelining must be >= 1, got " + connections + "x" + pipelining);
        }
        this.pg = pg;
        this.connections = connections;
        this.pipelining = pipelining;
    }

    /** What one run did; {@code cpuSeconds} is this JVM's own CPU over the run (the client's cost, not PostgreSQL's). */
    record Outcome(int connections, int pipelining, long queries, long errors, double seconds, double cpuSeconds) {
        String json() {
            return "{\"connections\":" + connections + ",\"pipelining\":" + pipelining + ",\"queries\":" + queries + ",\"errors\":" + errors
                    + ",\"seconds\":" + seconds + ",\"cpuSeconds\":" + cpuSeconds + "}";
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DbCeilingLoop <connections> <pipelining> <seconds>");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        PgSettings pg = new PgSettings(env.getOrDefault("PGHOST", PgSettings.DEFAULT_HOST),
                Integer.parseInt(env.getOrDefault("PGPORT", String.valueOf(PgSettings.DEFAULT_PORT))), env.get("PGDATABASE"),
                env.get("PGUSER"), env.get("PGPASSWORD"));
        Outcome outcome = new DbCeilingLoop(pg, Integer.parseInt(args[0]), Integer.parseInt(args[1])).run(Double.parseDouble(args[2]));
        System.out.println(outcome.json());
        System.exit(0); // Vert.x's and the driver's threads must not keep the JVM after the answer
    }

    Outcome run(double seconds) throws InterruptedException {
        long pid = ProcessHandle.current().pid();
        double cpuBefore = ProcFs.cpuSeconds(pid);
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        if (pipelining == 1) {
            jdbc(deadline);
        } else {
            pipelined(deadline);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Outcome(connections, pipelining, queries.sum(), errors.sum(), elapsed, ProcFs.cpuSeconds(pid) - cpuBefore);
    }

    private void jdbc(long deadline) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long seed = 20_240_601L + i;
            workers.add(Thread.ofPlatform().name("db-ceiling-" + i).start(() -> jdbcLoop(seed, deadline)));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    private void jdbcLoop(long seed, long deadline) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl() + "?prepareThreshold=1", pg.user(), pg.password());
             PreparedStatement statement = connection.prepareStatement(Query.PRODUCT_BY_ID.jdbc())) {
            while (System.nanoTime() < deadline) {
                statement.setInt(1, 1 + random.nextInt(1000));
                try (ResultSet row = statement.executeQuery()) {
                    count(row.next());
                }
            }
        } catch (SQLException e) {
            errors.increment();
        }
    }

    private void pipelined(long deadline) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
                .setUser(pg.user()).setPassword(pg.password()).setPipeliningLimit(pipelining).setCachePreparedStatements(true);
        CountDownLatch chains = new CountDownLatch(connections * pipelining);
        try {
            for (int c = 0; c < connections; c++) {
                int connectionIndex = c;
                PgConnection.connect(vertx, options).onComplete(connected -> {
                    for (int p = 0; p < pipelining; p++) {
                        if (connected.failed()) {
                            errors.increment();
                            chains.countDown();
                        } else {
                            next(connected.result(), new SplittableRandom(20_240_601L + connectionIndex * 1_000L + p), deadline, chains);
                        }
                    }
                });
            }
            // Each chain ends at the deadline after its statement in flight; a lost connection ends it early.
            if (!chains.await(TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()) + 30, TimeUnit.SECONDS)) {
                errors.increment();
            }
        } finally {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the count is taken; main exits regardless
            }
        }
    }

    /** One of a connection's {@code pipelining} chains: a statement, and on its answer the next, until the deadline. */
    private void next(PgConnection connection, SplittableRandom random, long deadline, CountDownLatch chains) {
        if (System.nanoTime() >= deadline) {
            chains.countDown();
            return;
        }
        Future<?> answer = connection.preparedQuery(Query.PRODUCT_BY_ID.postgres()).execute(Tuple.of(1 + random.nextInt(1000)))
                .onSuccess(rows -> count(rows.size() == 1));
        answer.onComplete(done -> {
            if (done.failed()) {
                errors.increment();
                chains.countDown();
            } else {
                next(connection, random, deadline, chains);
            }
        });
    }

    private void count(boolean found) {
        if (found) {
            queries.increment();
        } else {
            errors.increment();
        }
    }
}
