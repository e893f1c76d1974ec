package dev.webbench.conformance;

import dev.webbench.config.PgSettings;
import dev.webbench.provision.ControllablePostgres;
import dev.webbench.provision.ControllablePostgres.ShutdownMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The database faults of contract point 9, each inflicted on a server under a {@link MixedLoad} of GETs and ledger
 * POSTs, each returning a {@link FaultResult}. Plain procedures, callable outside JUnit: {@link DatabaseFaultContract}
 * asserts on their results, {@code ./compare resilience} records them. Every procedure puts the database back as
 * it found it, even when it fails half-way.
 */
public final class DatabaseFaults {
    /**
     * How long the database stays down, read-only or full, or rejects inserts: a {@code DB_TIMEOUT_MS} of 1 s, so that
     * requests wait out the pool's timeout during it (a restart adds the time to stop and start).
     */
    public static final Duration OUTAGE = Duration.ofMillis(1000);
    /** The freeze outlasts the bound by this: a server that waits for a frozen database rather than giving up shows it. */
    public static final Duration FREEZE_BEYOND_BOUND = Duration.ofMillis(500);
    /** Starting the server's JVM with the database down already takes seconds; the load then sees the outage this long. */
    private static final Duration DOWN_AFTER_START = Duration.ofMillis(1000);
    public static final Duration KILL_INTERVAL = Duration.ofMillis(200);
    public static final Duration KILL_PERIOD = Duration.ofMillis(1600);
    /** Service must be clean again within this, once the database can serve. */
    public static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);
    /** "Clean again" means this many answers in a row were 200 or 201. */
    public static final int CLEAN_STREAK = 20;
    public static final int WORKERS = 8;
    private static final Duration WARM_UP = Duration.ofMillis(200);
    /** The kit's own sessions say who they are, so that nothing mistakes them for the server's. */
    static final String KIT_APPLICATION_NAME = "webbench-kit";
    private static final String REJECT_MARKER = "reject-";
    /** Sessions the kit opens at once to fill the connection table: PostgreSQL forks a backend for each. */
    private static final int FILLERS = 16;

    private final FaultTarget target;

    public DatabaseFaults(FaultTarget target) {
        this.target = target;
    }

    /** PostgreSQL shut down in {@code mode} ({@code pg_ctl stop -m fast|immediate}), down for {@link #OUTAGE}, then started. */
    public FaultResult restart(ShutdownMode mode) {
        ControllablePostgres db = target.db();
        return run(target, "restart-" + mode.name().toLowerCase(Locale.ROOT), FaultResult.Rules.OUTAGE, load -> {
            long stopping = System.nanoTime();
            try {
                db.stop(mode);
                long stopped = System.nanoTime();
                JarProcess.sleep(OUTAGE.toMillis());
                return new Inflicted(stopping, 0, List.of(new FaultResult.Window(stopping, stopped)), 0,
                        "down " + (OUTAGE.toMillis() + (stopped - stopping) / 1_000_000) + " ms");
            } finally {
                db.start();
            }
        });
    }

    /** Every {@link #KILL_INTERVAL} for {@link #KILL_PERIOD}, {@code pg_terminate_backend} on each of the server's sessions. */
    public FaultResult backendKills() {
        return run(target, "backend-kills", FaultResult.Rules.SESSIONS_KILLED, load -> {
            List<FaultResult.Window> kills = new ArrayList<>();
            int killed = 0;
            long started = System.nanoTime();
            try (Connection kit = kitConnection(target.db().settings())) {
                while (System.nanoTime() - started < KILL_PERIOD.toNanos()) {
                    long before = System.nanoTime();
                    killed += terminateServerBackends(kit, target.applicationName());
                    kills.add(new FaultResult.Window(before, System.nanoTime()));
                    JarProcess.sleep(KILL_INTERVAL.toMillis());
                }
            }
            return new Inflicted(started, 0, kills, killed, killed + " backends killed in " + kills.size() + " rounds");
        });
    }

    /** SIGSTOP of the postmaster and all its processes for the bound + {@link #FREEZE_BEYOND_BOUND}, then SIGCONT. */
    public FaultResult freeze() {
        ControllablePostgres db = target.db();
        return run(target, "freeze", FaultResult.Rules.OUTAGE, load -> {
            long frozen = System.nanoTime();
            try {
                db.freeze();
                JarProcess.sleep(target.bound().plus(FREEZE_BEYOND_BOUND).toMillis());
            } finally {
                db.thaw();
            }
            long thawed = System.nanoTime();
            return new Inflicted(frozen, 0, List.of(new FaultResult.Window(frozen, thawed)), 0, "frozen " + (thawed - frozen) / 1_000_000 + " ms");
        });
    }

    /**
     * {@code default_transaction_read_only} on for {@link #OUTAGE} through {@code ALTER SYSTEM} and a reload, which
     * reaches the pooled sessions: inserts fail with SQLSTATE 25006. Nothing is lost, so nothing may be ambiguous.
     */
    public FaultResult readOnly() {
        return run(target, "read-only", FaultResult.Rules.READ_ONLY, load -> {
            long started = System.nanoTime();
            try (Connection kit = kitConnection(target.db().settings()); Statement sql = kit.createStatement()) {
                sql.execute("SET default_transaction_read_only = off"); // the kit's own session stays writable
                try {
                    sql.execute("ALTER SYSTEM SET default_transaction_read_only = on");
                    sql.execute("SELECT pg_reload_conf()");
                    JarProcess.sleep(OUTAGE.toMillis());
                } finally {
                    sql.execute("ALTER SYSTEM RESET default_transaction_read_only");
                    sql.execute("SELECT pg_reload_conf()");
                }
            }
            return new Inflicted(started, 0, List.of(), 0, "");
        });
    }

    /**
     * A full connection table (SQLSTATE 53300): the kit opens sessions until PostgreSQL refuses one, kills the
     * server's sessions, takes the slots they free, holds them all for {@link #OUTAGE}, then lets them go.
     */
    public FaultResult fullConnectionTable() {
        return run(target, "full-connection-table", FaultResult.Rules.FULL_CONNECTION_TABLE, load -> {
            long started = System.nanoTime();
            List<Connection> held = Collections.synchronizedList(new ArrayList<>());
            List<FaultResult.Window> kills = new ArrayList<>();
            int killed;
            try {
                fill(held, target.db().settings());
                int before = held.size();
                long killing = System.nanoTime();
                killed = terminateServerBackends(held.getFirst(), target.applicationName());
                kills.add(new FaultResult.Window(killing, System.nanoTime()));
                fill(held, target.db().settings());
                JarProcess.sleep(OUTAGE.toMillis());
                return new Inflicted(started, 0, kills, killed, "the kit held " + held.size() + " sessions (" + (held.size() - before)
                        + " taken from the " + killed + " server sessions it killed)");
            } finally {
                closeAll(held);
            }
        });
    }

    /**
     * Inserts that PostgreSQL rejects: first a CHECK constraint (added NOT VALID) refuses the names with a marker
     * (SQLSTATE 23514) while other names still insert, then the id sequence is capped at its current value (2200H)
     * so that every insert fails. Each for {@link #OUTAGE}; both are removed afterwards.
     */
    public FaultResult insertErrors() {
        WriteLedger ledger = new WriteLedger("insert-errors");
        AtomicBoolean marking = new AtomicBoolean();
        AtomicLong posts = new AtomicLong();
        // While the constraint is on, every other POST carries the marker it rejects; the rest must still be created.
        Supplier<String> names = () -> marking.get() && posts.incrementAndGet() % 2 == 0 ? ledger.nextName(REJECT_MARKER) : ledger.nextName();
        return run(target, "insert-errors", FaultResult.Rules.insertErrors("-" + REJECT_MARKER), ledger, names, load -> {
            long started = System.nanoTime();
            String constraint = "kit_rejects_" + REJECT_MARKER.replace("-", "");
            try (Connection kit = kitConnection(target.db().settings()); Statement sql = kit.createStatement()) {
                String sequence;
                try (ResultSet row = sql.executeQuery("SELECT pg_get_serial_sequence('product', 'product_id')")) {
                    row.next();
                    sequence = row.getString(1);
                }
                try {
                    sql.execute("ALTER TABLE product ADD CONSTRAINT " + constraint + " CHECK (NOT starts_with(product_name, '"
                            + ledger.prefix() + REJECT_MARKER + "')) NOT VALID");
                    marking.set(true);
                    JarProcess.sleep(OUTAGE.toMillis());
                    marking.set(false);
                    capSequence(kit, sequence);
                    JarProcess.sleep(OUTAGE.toMillis());
                } finally {
                    marking.set(false);
                    sql.execute("ALTER SEQUENCE " + sequence + " NO MAXVALUE");
                    sql.execute("ALTER TABLE product DROP CONSTRAINT IF EXISTS " + constraint);
                }
            }
            return new Inflicted(started, 0, List.of(), 0, "");
        });
    }

    /**
     * The server started (its runnable jar, {@code env} added to the database settings) while PostgreSQL is down:
     * it must start and answer 503 meanwhile, then serve once the database is started. The result's target is that
     * second process; {@code afterwards} runs against it (the pool check) before it is stopped.
     */
    public FaultResult startWhileDown(Path jar, Map<String, String> env, Consumer<FaultTarget> afterwards) {
        ControllablePostgres db = target.db();
        long stopped = System.nanoTime();
        JarProcess process;
        db.stop(ShutdownMode.FAST);
        try {
            process = JarProcess.start(jar, db.settings(), env, JarProcess.SERVER_JVM_FLAGS);
        } catch (RuntimeException | AssertionError e) {
            db.start();
            throw e;
        }
        try (process) {
            FaultTarget late = target.at(process.uri());
            FaultResult result = run(late, "start-while-down", FaultResult.Rules.OUTAGE, load -> {
                try {
                    JarProcess.sleep(DOWN_AFTER_START.toMillis());
                } finally {
                    db.start();
                }
                return new Inflicted(stopped, 0, List.of(), 0, "server started " + (System.nanoTime() - stopped) / 1_000_000
                        + " ms before the database");
            });
            if (!process.isAlive()) {
                throw new AssertionError("the server started while the database was down died; its output:\n" + process.output());
            }
            afterwards.accept(late);
            return result;
        }
    }

    /** What a fault procedure did: when it began, when the database could serve again (0: now), its moments, the server sessions it killed, a note. */
    private record Inflicted(long startNanos, long endNanos, List<FaultResult.Window> moments, int sessionsKilled, String note) {
    }

    @FunctionalInterface
    private interface Fault {
        Inflicted inflict(MixedLoad load) throws Exception;
    }

    private static FaultResult run(FaultTarget target, String fault, FaultResult.Rules rules, Fault action) {
        WriteLedger ledger = new WriteLedger(fault);
        return run(target, fault, rules, ledger, ledger::nextName, action);
    }

    private static FaultResult run(FaultTarget target, String fault, FaultResult.Rules rules, WriteLedger ledger, Supplier<String> names,
            Fault action) {
        Duration requestTimeout = target.bound().plusSeconds(2);
        Inflicted inflicted;
        Duration recovery;
        List<MixedLoad.Answer> answers;
        try (MixedLoad load = new MixedLoad(target.base(), WORKERS, ledger, names, requestTimeout)) {
            JarProcess.sleep(WARM_UP.toMillis());
            inflicted = action.inflict(load);
            long end = inflicted.endNanos() == 0 ? System.nanoTime() : inflicted.endNanos();
            inflicted = new Inflicted(inflicted.startNanos(), end, inflicted.moments(), inflicted.sessionsKilled(), inflicted.note());
            recovery = awaitRecovery(load, end);
            load.close();
            answers = load.answers();
        } catch (Exception e) {
            throw new AssertionError(fault + " could not be run against " + target.name() + ": " + e, e);
        }
        return new FaultResult(fault, target.name(), rules, target.bound(), inflicted.startNanos(), inflicted.endNanos(), inflicted.moments(),
                inflicted.sessionsKilled(), answers, ledger.classify(target.db()), recovery, inflicted.note());
    }

    /** Waits for {@link #CLEAN_STREAK} clean answers in a row sent after {@code endNanos}; null past {@link #RECOVERY_BOUND}. */
    private static Duration awaitRecovery(MixedLoad load, long endNanos) {
        while (System.nanoTime() - endNanos < RECOVERY_BOUND.toNanos()) {
            List<MixedLoad.Answer> after = load.answers().stream().filter(a -> a.startedNanos() >= endNanos)
                    .sorted(Comparator.comparingLong(MixedLoad.Answer::endedNanos)).toList();
            int streak = 0;
            long lastUnclean = endNanos;
            for (MixedLoad.Answer answer : after) {
                if (answer.served()) {
                    streak++;
                } else {
                    streak = 0;
                    lastUnclean = answer.endedNanos();
                }
            }
            if (streak >= CLEAN_STREAK) {
                return Duration.ofNanos(lastUnclean - endNanos);
            }
            JarProcess.sleep(50);
        }
        return null;
    }

    /** Opens sessions until PostgreSQL refuses one with 53300 (too many connections). */
    private static void fill(List<Connection> held, PgSettings pg) throws InterruptedException {
        List<Thread> openers = new ArrayList<>();
        AtomicReference<SQLException> unexpected = new AtomicReference<>();
        for (int i = 0; i < FILLERS; i++) {
            openers.add(Thread.ofVirtual().start(() -> {
                while (unexpected.get() == null) {
                    try {
                        held.add(kitConnection(pg));
                    } catch (SQLException e) {
                        if (!"53300".equals(e.getSQLState())) {
                            unexpected.set(e);
                        }
                        return;
                    }
                }
            }));
        }
        for (Thread opener : openers) {
            opener.join();
        }
        if (unexpected.get() != null) {
            throw new AssertionError("filling the connection table failed otherwise than with 53300: " + unexpected.get(), unexpected.get());
        }
    }

    static Connection kitConnection(PgSettings pg) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", pg.user());
        properties.setProperty("password", pg.password());
        properties.setProperty("ApplicationName", KIT_APPLICATION_NAME);
        properties.setProperty("loginTimeout", "10");
        return DriverManager.getConnection(pg.jdbcUrl(), properties);
    }

    /** Terminates every session of {@code applicationName}; returns how many. */
    static int terminateServerBackends(Connection kit, String applicationName) throws SQLException {
        try (PreparedStatement kill = kit.prepareStatement(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, applicationName);
            try (ResultSet rows = kill.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Caps the sequence at its current value, with inserts held off meanwhile so that none takes a number past it. */
    private static void capSequence(Connection kit, String sequence) throws SQLException {
        kit.setAutoCommit(false);
        try (Statement sql = kit.createStatement()) {
            sql.execute("LOCK TABLE product IN SHARE MODE");
            long last;
            try (ResultSet row = sql.executeQuery("SELECT last_value FROM " + sequence)) {
                row.next();
                last = row.getLong(1);
            }
            sql.execute("ALTER SEQUENCE " + sequence + " MAXVALUE " + last);
            kit.commit();
        } finally {
            kit.setAutoCommit(true);
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it goes either way: the table empties when the kit's sessions end
            }
        }
    }
}
