package dev.webbench.config;

/**
 * Where the database is, in libpq's terms ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE},
 * {@code PGUSER}, {@code PGPASSWORD}), so that {@code psql} and the servers agree on the same
 * environment.
 */
public record PgSettings(String host, int port, String database, String user, String password) {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 5432;

    public PgSettings {
        requireText(host, "PGHOST");
        requireText(database, "PGDATABASE");
        requireText(user, "PGUSER");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PGPORT must be in 1..65535, got " + port);
        }
        password = password == null ? "" : password;
    }

    /** The same settings as libpq's environment, for starting a server (or psql) against this database. */
    public java.util.Map<String, String> asEnvironment() {
        return java.util.Map.of("PGHOST", host, "PGPORT", String.valueOf(port), "PGDATABASE", database, "PGUSER", user,
                "PGPASSWORD", password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database;
    }

    /** {@code host:port/database} for logs; never the password. */
    public String describe() {
        return user + "@" + hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
