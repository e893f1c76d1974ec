package dev.webbench.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.config.PgSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.concurrent.TimeUnit;

/**
 * A database ceiling: the product-by-id query driven straight at PostgreSQL at one in-flight budget
 * ({@code connections x pipelining}), no HTTP, by {@link DbCeilingLoop} in a child JVM pinned to the server CPUs, so
 * that it runs where and as a target's database client runs. A target's product-by-id rate reads as a fraction of the
 * ceiling at its own budget, measured in the same run.
 */
public final class DbCeiling {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Beyond the measured seconds: a JVM's start, the connections, the statements still in flight at the deadline. */
    private static final Duration GRACE = Duration.ofSeconds(60);

    /** An in-flight budget: {@code connections} database connections with {@code pipelining} statements in flight on each. */
    public record Shape(int connections, int pipelining) {
        public Shape {
            if (connections < 1 || pipelining < 1) {
                throw new IllegalArgumentException("a database budget needs connections and pipelining >= 1, got " + connections + "x" + pipelining);
            }
        }

        public String ceilingName() {
            return Results.dbCeilingName(connections, pipelining);
        }
    }

    /**
     * The ceilings a run measures: one per distinct budget its targets reported, in their order (a single
     * {@code fallbackConnections x 1} when none reported one), plus a pipelined one at impl-vertx's per-connection
     * limit when none of them pipelines, so that the reader sees what pipelining buys.
     */
    public static List<Shape> shapesFor(Collection<Results.DbBudget> targetBudgets, int fallbackConnections) {
        SequencedSet<Shape> shapes = new LinkedHashSet<>();
        targetBudgets.stream().filter(Objects::nonNull).forEach(b -> shapes.add(new Shape(b.connections(), b.pipelining())));
        if (shapes.isEmpty()) {
            shapes.add(new Shape(fallbackConnections, 1));
        }
        if (shapes.stream().noneMatch(s -> s.pipelining() > 1)) {
            int connections = shapes.stream().mapToInt(Shape::connections).min().orElseThrow();
            shapes.add(new Shape(connections, PIPELINING_LIMIT));
        }
        return List.copyOf(shapes);
    }

    /** impl-vertx's per-connection pipelining limit: that of the pipelined ceiling added when no target pipelines. */
    static final int PIPELINING_LIMIT = 16;

    private final PgSettings pg;
    private final Shape shape;
    private final String cpus;
    private final Path log;

    /**
     * @param cpus a {@code taskset -c} list for the child (the server CPUs), or null to leave it unpinned
     * @param log  where the child's standard error goes (kept for a failed run)
     */
    public DbCeiling(PgSettings pg, Shape shape, String cpus, Path log) {
        this.pg = pg;
        this.shape = shape;
        this.cpus = cpus;
        this.log = log;
    }

    public String name() {
        return shape.ceilingName();
    }

    public Path log() {
        return log;
    }

    /** One repetition, as a product-by-id measurement of the ceiling named for its shape. */
    public Results.Measurement measure(Duration duration, int repetition, int order) {
        String productById = Scenario.PRODUCT_BY_ID.id();
        Results.Measurement.Builder measurement = Results.Measurement.of(shape.ceilingName(), productById, productById,
                shape.connections() * shape.pipelining(), repetition, order, shape.pipelining() == 1 ? "jdbc-loop" : "pg-pipelined-loop");
        JsonNode outcome;
        try {
            outcome = run(duration);
        } catch (IllegalStateException e) {
            return measurement.errors(new Results.Errors(0, 0, 0, 1, 0)).ok(false).build();
        }
        long queries = outcome.get("queries").asLong();
        long errors = outcome.get("errors").asLong();
        double seconds = outcome.get("seconds").asDouble();
        return measurement.durationSeconds(seconds).requests(queries).requestsPerSecond(queries / seconds)
                .errors(new Results.Errors(0, 0, 0, errors, 0)).loadCpuSeconds(outcome.get("cpuSeconds").asDouble())
                .ok(errors == 0 && queries > 0).build();
    }

    /** Runs the child for {@code duration} and returns its one JSON line; fails when it does not print one. */
    JsonNode run(Duration duration) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Path result = log.resolveSibling(log.getFileName() + ".out");
            Process child = withDatabase(new ProcessBuilder(command(duration))).redirectOutput(result.toFile())
                    .redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!child.waitFor(duration.plus(GRACE).toSeconds(), TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException(shape.ceilingName() + " did not finish; see " + log);
            }
            String line = Files.readAllLines(result).stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException(shape.ceilingName() + " printed no result (exit " + child.exitValue() + "); see " + log));
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code [taskset -c cpus] java -cp <this JVM's class path> DbCeilingLoop C P seconds}. */
    List<String> command(Duration duration) {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DbCeilingLoop.class.getName(), String.valueOf(shape.connections()),
                String.valueOf(shape.pipelining()), String.valueOf(duration.toMillis() / 1000.0)));
        return command;
    }

    /** The child's environment: the database in libpq's terms. */
    private ProcessBuilder withDatabase(ProcessBuilder builder) {
        builder.environment().putAll(pg.asEnvironment());
        return builder;
    }
}
