package dev.webbench.provision;

import dev.webbench.config.PgSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a Testcontainers container, when a Docker engine answers. */
final class ContainerPostgres implements Postgres {
    static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerPostgres startNew() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE).withCommand("postgres", "-c", "max_connections=300");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String provider() {
        return "testcontainers";
    }

    @Override
    public PgSettings settings() {
        return new PgSettings(container.getHost(), container.getFirstMappedPort(), container.getDatabaseName(),
                container.getUsername(), container.getPassword());
    }

    @Override
    public boolean restartable() {
        // Restarting a container maps a new host port, so "the same server comes back" does not hold.
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("a Testcontainers PostgreSQL comes back on another port; use the embedded provider for restart tests");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("a Testcontainers PostgreSQL cannot be restarted in place");
    }

    @Override
    public void close() {
        container.stop();
    }
}
