package dev.webbench.conformance;

import dev.webbench.config.PgSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An implementation's runnable jar in a child JVM, started the way a user starts it: {@code java -jar} with an environment. */
public final class JarProcess implements AutoCloseable {
    /**
     * The flags every server JVM gets in the bench, and in the kit's hostile groups, so that an out-of-memory
     * crash under a hostile client is seen at the heap a user of the bench's numbers would run.
     */
    public static final List<String> SERVER_JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
            "--enable-native-access=ALL-UNNAMED");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI uri;
    private final Path log;

    private JarProcess(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    public static JarProcess start(Path jar, PgSettings pg, Map<String, String> extraEnv) {
        return start(jar, pg, extraEnv, List.of("--enable-native-access=ALL-UNNAMED"));
    }

    /** Starts {@code jar} with these JVM flags (e.g. {@link #SERVER_JVM_FLAGS}) and waits until it serves. */
    public static JarProcess start(Path jar, PgSettings pg, Map<String, String> extraEnv, List<String> jvmFlags) {
        int port = freePort();
        try {
            Path log = Files.createTempFile("kit-" + jar.getFileName() + "-", ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmFlags);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", String.valueOf(port));
            env.putAll(pg.asEnvironment());
            env.putAll(extraEnv);
            JarProcess started = new JarProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/"), log);
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar exited with " + process.exitValue() + " before serving; its output:\n" + output());
            }
            try {
                if (Http.get(uri, "/time").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        close();
        throw new AssertionError("the jar did not answer GET /time within " + START_TIMEOUT.toSeconds() + " s; its output:\n" + output());
    }

    public URI uri() {
        return uri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory in KiB from /proc (Linux), or -1 where it cannot be read. */
    public long rssKib() {
        return rssKib(process.pid());
    }

    /** Resident memory of any process in KiB from /proc (Linux), or -1 where it cannot be read (not Linux, or gone). */
    public static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** SIGTERM, as a process manager sends it. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, failing if the process is still running after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the process did not exit within " + timeout.toSeconds() + " s of SIGTERM; its output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public String output() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log); // failures have already quoted it
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }

    /** A port nothing listens on right now (the OS picks it; a race with another process is possible but rare). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thread.sleep that turns an interrupt into a failure of the calling check. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
