package dev.webbench.conformance;

import dev.webbench.config.PgSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

/**
 * A server in a child JVM, started the way a user starts it ({@code java -jar}, or a main class on the jar's class
 * path) with an environment, on a free port: the one launcher of the kit's child-JVM checks and of the bench.
 */
public final class JarProcess implements AutoCloseable {
    /**
     * The flags every server JVM gets in the bench, and in the kit's hostile groups, so that an out-of-memory
     * crash under a hostile client is seen at the heap a user of the bench's numbers would run: a fixed 512 MiB heap
     * (no resizing mid-run), G1 (the JDK default, named so it cannot drift), and native access for Netty's epoll.
     */
    public static final List<String> SERVER_JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
            "--enable-native-access=ALL-UNNAMED");
    private static final List<String> DEFAULT_JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED");
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** Short waits: the probe asks whether a server answers now, and a hung one must not stall the caller. */
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * What to start and how.
     *
     * @param jar          the jar to run; null when {@code program} is given
     * @param mainClass    null for {@code java -jar}; else run this class with the jar as class path
     * @param program      a command line to run instead of a JVM (a Python server), or null; it gets the same
     *                     environment, pinning, log, readiness probe and SIGTERM as a jar
     * @param cpus         a {@code taskset -c} list to pin the JVM to, or null
     * @param log          where the output goes and stays; null for a temporary file deleted on {@link #close()}
     * @param startTimeout how long the server may take to answer {@code GET /time}
     */
    public record Launch(Path jar, String mainClass, List<String> program, Map<String, String> env, List<String> jvmFlags, String cpus,
                         Path log, Duration startTimeout) {
        /** {@code java -jar jar}, no extra environment, native access only, a temporary log. */
        public static Launch jar(Path jar) {
            return new Launch(jar, null, null, Map.of(), DEFAULT_JVM_FLAGS, null, null, DEFAULT_START_TIMEOUT);
        }

        /** Any program that serves the contract on {@code PORT}, e.g. {@code python3 app.py}; JVM flags do not apply to it. */
        public static Launch command(List<String> program) {
            if (program.isEmpty()) {
                throw new IllegalArgumentException("an empty command line");
            }
            return new Launch(null, null, List.copyOf(program), Map.of(), List.of(), null, null, DEFAULT_START_TIMEOUT);
        }

        public Launch withMainClass(String mainClass) {
            return new Launch(jar, mainClass, program, env, jvmFlags, cpus, log, startTimeout);
        }

        public Launch withEnv(Map<String, String> env) {
            return new Launch(jar, mainClass, program, Map.copyOf(env), jvmFlags, cpus, log, startTimeout);
        }

        public Launch withJvmFlags(List<String> jvmFlags) {
            if (program != null && !jvmFlags.isEmpty()) {
                throw new IllegalArgumentException("JVM flags for a program that is not a JVM: " + program);
            }
            return new Launch(jar, mainClass, program, env, List.copyOf(jvmFlags), cpus, log, startTimeout);
        }

        public Launch pinnedTo(String cpus) {
            return new Launch(jar, mainClass, program, env, jvmFlags, cpus, log, startTimeout);
        }

        public Launch loggingTo(Path log) {
            return new Launch(jar, mainClass, program, env, jvmFlags, cpus, log, startTimeout);
        }

        public Launch withStartTimeout(Duration startTimeout) {
            return new Launch(jar, mainClass, program, env, jvmFlags, cpus, log, startTimeout);
        }

        /** The jar's file name, or the program's first word and its last argument when that is a file (python3-app.py), for messages and temporary log names. */
        String name() {
            if (program == null) {
                return jar.getFileName().toString();
            }
            String last = program.getLast();
            boolean fileLike = program.size() > 1 && last.length() < 100 && last.chars().noneMatch(Character::isWhitespace);
            return Path.of(program.getFirst()).getFileName() + (fileLike ? "-" + Path.of(last).getFileName() : "");
        }

        /** What is started: {@code taskset -c cpus} when pinned, then the program or {@code java flags -jar jar}. */
        public List<String> commandLine() {
            List<String> command = new ArrayList<>();
            if (cpus != null) {
                command.addAll(List.of("taskset", "-c", cpus));
            }
            if (program != null) {
                command.addAll(program);
                return command;
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            if (mainClass == null) {
                command.addAll(List.of("-jar", jar.toString()));
            } else {
                command.addAll(List.of("-cp", jar.toString(), mainClass));
            }
            return command;
        }
    }

    private final Process process;
    private final URI uri;
    private final Path log;
    private final boolean temporaryLog;
    private final long startupMillis;

    private JarProcess(Process process, URI uri, Path log, boolean temporaryLog, long startupMillis) {
        this.process = process;
        this.uri = uri;
        this.log = log;
        this.temporaryLog = temporaryLog;
        this.startupMillis = startupMillis;
    }

    public static JarProcess start(Path jar, PgSettings pg, Map<String, String> extraEnv) {
        return start(Launch.jar(jar).withEnv(extraEnv), pg);
    }

    /** Starts {@code jar} with these JVM flags (e.g. {@link #SERVER_JVM_FLAGS}) and waits until it serves. */
    public static JarProcess start(Path jar, PgSettings pg, Map<String, String> extraEnv, List<String> jvmFlags) {
        return start(Launch.jar(jar).withEnv(extraEnv).withJvmFlags(jvmFlags), pg);
    }

    /** Starts the server on a free port against {@code pg} and waits until {@code GET /time} answers 200. */
    public static JarProcess start(Launch launch, PgSettings pg) {
        int port = freePort();
        try {
            Path log = launch.log() != null ? launch.log() : Files.createTempFile("kit-" + launch.name() + "-", ".log");
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(launch.commandLine()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", String.valueOf(port));
            env.putAll(pg.asEnvironment());
            env.putAll(launch.env());
            long started = System.nanoTime();
            Process process = builder.start();
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            awaitReady(process, uri, launch, log);
            return new JarProcess(process, uri, log, launch.log() == null, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, URI uri, Launch launch, Path log) {
        long deadline = System.nanoTime() + launch.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(launch.name() + " exited with " + process.exitValue() + " before serving; its output ("
                        + log + "):\n" + tail(log));
            }
            if (answers(uri)) {
                return;
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError(launch.name() + " did not answer GET /time within " + launch.startTimeout().toSeconds()
                + " s; its output (" + log + "):\n" + tail(log));
    }

    /** Whether {@code GET /time} answers 200 within {@code patience} (a server recovering from overload may need a moment). */
    public static boolean answersWithin(URI base, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            if (answers(base)) {
                return true;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static boolean answers(URI base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/time")).timeout(Duration.ofSeconds(2)).build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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

    /** From process start to the first 200 on {@code GET /time}. */
    public long startupMillis() {
        return startupMillis;
    }

    /** Where the server's output goes. */
    public Path log() {
        return log;
    }

    /** Resident memory in KiB from /proc (Linux), or -1 where it cannot be read. */
    public long rssKib() {
        return rssKib(process.pid());
    }

    /** The most resident memory so far (VmHWM) in KiB, or -1 where it cannot be read. */
    public long peakRssKib() {
        return procStatus(process.pid(), "VmHWM");
    }

    /** Resident memory of any process in KiB from /proc (Linux), or -1 where it cannot be read (not Linux, or gone). */
    public static long rssKib(long pid) {
        return procStatus(pid, "VmRSS");
    }

    /**
     * A numeric field of {@code /proc/<pid>/status} (KiB for the memory fields), e.g. VmRSS, VmHWM or Threads; -1
     * where it cannot be read (not Linux, or the process is gone).
     */
    public static long procStatus(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Whether the server's output shows that its heap ran out. */
    public boolean ranOutOfMemory() {
        try (var lines = Files.lines(log)) {
            return lines.anyMatch(line -> line.contains("OutOfMemoryError"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** SIGTERM, as a process manager sends it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if the process is still running after {@code grace}; true when it exited within the grace. */
    public boolean stop(Duration grace) {
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
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

    /** The last 4,000 characters of the server's output. */
    public String output() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? "…" + text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * {@link #close()} for a server that had to survive what was done to it: if it had died already, an
     * {@link AssertionError} names {@code who} and {@code during} what, with the server's output.
     */
    public void closeExpectingAlive(String who, String during) {
        boolean alive = isAlive();
        String output = output();
        close();
        if (!alive) {
            throw new AssertionError(who + " died during " + during + "; its output:\n" + output);
        }
    }

    /** Kills the process if it still runs; a temporary log goes too (failures have quoted it), a chosen one stays. */
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
        if (temporaryLog) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
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
