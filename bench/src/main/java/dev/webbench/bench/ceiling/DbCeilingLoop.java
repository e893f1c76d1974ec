package dev.webbench.bench.ceiling;

import dev.webbench.bench.target.ProcFs;
import dev.webbench.config.PgSettings;
import dev.webbench.sql.Query;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
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
 * <p>Usage: {@code DbCeilingLoop <connections> <pipelining> <warm-up seconds> <seconds>}, the database in libpq's environment
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
        if (args.length != 4) {
            System.err.println("usage: DbCeilingLoop <connections> <pipelining> <warm-up seconds> <seconds>");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        PgSettings pg = new PgSettings(env.getOrDefault("PGHOST", PgSettings.DEFAULT_HOST),
                Integer.parseInt(env.getOrDefault("PGPORT", String.valueOf(PgSettings.DEFAULT_PORT))), env.get("PGDATABASE"),
                env.get("PGUSER"), env.get("PGPASSWORD"));
        Outcome outcome = new DbCeilingLoop(pg, Integer.parseInt(args[0]), Integer.parseInt(args[1])).run(Double.parseDouble(args[2]), Double.parseDouble(args[3]));
        System.out.println(outcome.json());
        System.exit(0); // Vert.x's and the driver's threads must not keep the JVM after the answer
    }

    /**
     * Opens every connection first, then runs the load for {@code warmupSeconds} uncounted (this JVM starts cold, the
     * targets it bounds were warmed up), then counts for {@code seconds}: the clock and the CPU reading start only then.
     */
    Outcome run(double warmupSeconds, double seconds) throws Exception {
        Window window = new Window(warmupSeconds, seconds);
        return pipelining == 1 ? jdbc(window) : pipelined(window);
    }

    /** The clock of one run: started once the connections are ready, counted after the warm-up. */
    private final class Window {
        private final long pid = ProcessHandle.current().pid();
        private final double warmupSeconds;
        private final double seconds;
        private volatile long deadline = Long.MAX_VALUE;
        private double cpuBefore;
        private long started;
        private long queriesBefore;

        Window(double warmupSeconds, double seconds) {
            this.warmupSeconds = warmupSeconds;
            this.seconds = seconds;
        }

        /** Called once every connection is ready: the load runs from now to the deadline; measuring starts after the warm-up. */
        void open(Runnable startLoad) throws InterruptedException {
            deadline = System.nanoTime() + (long) ((warmupSeconds + seconds) * 1e9);
            startLoad.run();
            Thread.sleep((long) (warmupSeconds * 1000));
            cpuBefore = ProcFs.cpuSeconds(pid);
            started = System.nanoTime();
            queriesBefore = queries.sum();
        }

        boolean running() {
            return System.nanoTime() < deadline;
        }

        /** The queries counted after the warm-up; errors from the start, since an error while warming up is one too. */
        Outcome outcome() {
            return new Outcome(connections, pipelining, queries.sum() - queriesBefore, errors.sum(), (System.nanoTime() - started) / 1e9,
                    ProcFs.cpuSeconds(pid) - cpuBefore);
        }
    }

    private Outcome jdbc(Window window) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long seed = 20_240_601L + i;
            workers.add(Thread.ofPlatform().name("db-ceiling-" + i).start(() -> jdbcLoop(seed, window, ready, go)));
        }
        ready.await();
        window.open(go::countDown);
        for (Thread worker : workers) {
            worker.join();
        }
        return window.outcome();
    }

    private void jdbcLoop(long seed, Window window, CountDownLatch ready, CountDownLatch go) {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl() + "?prepareThreshold=1", pg.user(), pg.password());
             PreparedStatement statement = connection.prepareStatement(Query.PRODUCT_BY_ID.jdbc())) {
            ready.countDown();
            go.await();
            while (window.running()) {
                statement.setInt(1, 1 + random.nextInt(1000));
                try (ResultSet row = statement.executeQuery()) {
                    count(row.next());
                }
            }
        } catch (SQLException e) {
            errors.increment();
            ready.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome pipelined(Window window) throws Exception {
        // As impl-vertx runs its client: epoll, one event loop per CPU this JVM may use.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
                .setUser(pg.user()).setPassword(pg.password()).setPipeliningLimit(pipelining).setCachePreparedStatements(true);
        try {
            List<Future<PgConnection>> connecting = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                connecting.add(PgConnection.connect(vertx, options));
            }
            List<PgConnection> connected = new ArrayList<>();
            for (Future<PgConnection> connection : connecting) {
                connected.add(connection.await(30, TimeUnit.SECONDS));
            }
            CountDownLatch chains = new CountDownLatch(connections * pipelining);
            window.open(() -> {
                for (int c = 0; c < connections; c++) {
                    for (int p = 0; p < pipelining; p++) {
                        next(connected.get(c), new SplittableRandom(20_240_601L + c * 1_000L + p), window, chains);
                    }
                }
            });
            // Each chain ends at the deadline after its statement in flight; a lost connection ends it early.
            if (!chains.await((long) window.seconds + 30, TimeUnit.SECONDS)) {
                errors.increment();
            }
            return window.outcome();
        } finally {
            try {
                vertx.close().await(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the count is taken; main exits regardless
            }
        }
    }

    /** One of a connection's {@code pipelining} chains: a statement, and on its answer the next, until the deadline. */
    private void next(PgConnection connection, SplittableRandom random, Window window, CountDownLatch chains) {
        if (!window.running()) {
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
                next(connection, random, window, chains);
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
