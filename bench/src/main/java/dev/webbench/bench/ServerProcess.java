package dev.webbench.bench;

import dev.webbench.config.PgSettings;
import dev.webbench.conformance.JarProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A target in its own child JVM, started the way a user starts it, with identical JVM flags for all. */
final class ServerProcess implements AutoCloseable {
    /**
     * The same for every target: a fixed 512 MiB heap (no resizing mid-run), G1 (the JDK default,
     * named so it cannot drift), and native access for Netty's epoll without a warning.
     */
    static final List<String> JVM_FLAGS = JarProcess.SERVER_JVM_FLAGS;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final URI uri;
    private final long startupMillis;
    private final Path log;

    private ServerProcess(Process process, URI uri, long startupMillis, Path log) {
        this.process = process;
        this.uri = uri;
        this.startupMillis = startupMillis;
        this.log = log;
    }

    static ServerProcess start(Target target, PgSettings pg, String serverCpus, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (serverCpus != null) {
            command.addAll(List.of("taskset", "-c", serverCpus));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        if (target.mainClass() == null) {
            command.addAll(List.of("-jar", target.jar().toString()));
        } else {
            command.addAll(List.of("-cp", target.jar().toString(), target.mainClass()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.putAll(pg.asEnvironment());
        env.putAll(target.env());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + target.name() + ": " + e.getMessage(), e);
        }
        URI uri = URI.create("http://127.0.0.1:" + port);
        long deadline = started + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(target.name() + " exited with " + process.exitValue() + " during startup; see " + log);
            }
            if (answers(uri)) {
                return new ServerProcess(process, uri, (System.nanoTime() - started) / 1_000_000, log);
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException(target.name() + " did not answer GET /time within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** Whether {@code GET /time} answers 200 within {@code patience} (a server recovering from overload may need a moment). */
    static boolean answersWithin(URI uri, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            if (answers(uri)) {
                return true;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** Whether the process's log shows that its heap ran out. */
    boolean ranOutOfMemory() {
        try (var lines = Files.lines(log)) {
            return lines.anyMatch(line -> line.contains("OutOfMemoryError"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static boolean answers(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri.resolve("/time")).timeout(Duration.ofSeconds(2)).build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    URI uri() {
        return uri;
    }

    long startupMillis() {
        return startupMillis;
    }

    long pid() {
        return process.pid();
    }

    double cpuSeconds() {
        return ProcFs.cpuSeconds(process.pid());
    }

    long rssKib() {
        return ProcFs.statusKib(process.pid(), "VmRSS");
    }

    long peakRssKib() {
        return ProcFs.statusKib(process.pid(), "VmHWM");
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as in production; forced after 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        return JarProcess.freePort();
    }

    static void sleep(long millis) {
        JarProcess.sleep(millis);
    }

    static Path newLog(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            return dir.resolve(name + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
