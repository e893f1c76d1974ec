package dev.webbench.bench.target;

import dev.webbench.bench.model.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the targets in a checkout: every {@code impl-<name>/target/impl-<name>.jar}, so an
 * implementation that lands later is picked up without changing the bench. A jar whose manifest
 * lists {@code X-Webbench-Thread-Models} becomes one target per model ({@code servlet-platform},
 * {@code servlet-virtual}). Under {@code --db-budget}, a jar whose manifest says
 * {@code X-Webbench-Db-Pipelining: true} becomes two ({@code vertx-conns}, {@code vertx-pipelined}; see
 * {@link DatabaseBudgets}).
 */
public final class Targets {
    static final String THREAD_MODELS_ATTRIBUTE = "X-Webbench-Thread-Models";
    static final String DB_PIPELINING_ATTRIBUTE = "X-Webbench-Db-Pipelining";

    private Targets() {
    }

    /** Implementations found under {@code root}, filtered by {@code only} (short names like {@code servlet}) when not empty. */
    public static List<Target> implementations(Path root, List<String> only) {
        return implementations(root, only, DatabaseBudgets.Request.IMPLEMENTATION_DEFAULTS);
    }

    /** {@link #implementations(Path, List)}, each configured to {@code budget}'s statements in flight when it names some. */
    public static List<Target> implementations(Path root, List<String> only, DatabaseBudgets.Request budget) {
        List<Target> targets = new ArrayList<>();
        List<String> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("impl-") && Files.isDirectory(d)).sorted().toList()) {
                String module = dir.getFileName().toString();
                String shortName = module.substring("impl-".length());
                found.add(shortName);
                if (!only.isEmpty() && !only.contains(shortName)) {
                    continue;
                }
                Path jar = dir.resolve("target").resolve(module + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -DskipTests package (./compare does)");
                }
                List<String> models = threadModels(jar);
                Set<Scenario> scenarios = EnumSet.allOf(Scenario.class);
                Path sources = dir.resolve("src/main/java");
                Map<String, Map<String, String>> variants = new LinkedHashMap<>();
                if (models.isEmpty()) {
                    variants.put(shortName, Map.of());
                }
                for (String model : models) {
                    variants.put(shortName + "-" + model, Map.of("THREAD_MODEL", model));
                }
                for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
                    String name = variant.getKey();
                    Map<String, String> env = variant.getValue();
                    if (!budget.configured()) {
                        targets.add(new Target(name, Target.Kind.IMPLEMENTATION, jar, null, env, null, sources, scenarios));
                    } else if (pipelines(jar)) {
                        targets.add(new Target(name + "-" + DatabaseBudgets.CONNECTIONS_VARIANT, Target.Kind.IMPLEMENTATION, jar, null,
                                DatabaseBudgets.plus(env, budget.connectionsEnv()), null, sources, scenarios, budget.statements()));
                        targets.add(new Target(name + "-" + DatabaseBudgets.PIPELINED_VARIANT, Target.Kind.IMPLEMENTATION, jar, null,
                                DatabaseBudgets.plus(env, budget.pipelinedEnv()), null, sources, scenarios, budget.statements()));
                    } else {
                        targets.add(new Target(name, Target.Kind.IMPLEMENTATION, jar, null, DatabaseBudgets.plus(env, budget.oneStatementEnv()),
                                null, sources, scenarios, budget.statements()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String wanted : only) {
            if (!found.contains(wanted)) {
                throw new IllegalArgumentException("no implementation '" + wanted + "'; found: " + String.join(", ", found));
            }
        }
        return targets;
    }

    /** {@code name=http://host:port}: any server that speaks the contract. */
    public static Target external(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new IllegalArgumentException("--target expects name=http://host:port, got '" + spec + "'");
        }
        URI url = URI.create(spec.substring(equals + 1));
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("--target URL must be http://host:port, got '" + url + "'");
        }
        return new Target(spec.substring(0, equals), Target.Kind.EXTERNAL, null, null, Map.of(), url, null, EnumSet.allOf(Scenario.class));
    }

    public static List<String> threadModels(Path jar) {
        String models = manifestAttribute(jar, THREAD_MODELS_ATTRIBUTE);
        return models == null || models.isBlank() ? List.of() : List.of(models.trim().split("\\s*,\\s*"));
    }

    /** Whether the implementation pipelines statements on a connection (honours {@code DB_PIPELINING} above 1). */
    static boolean pipelines(Path jar) {
        return "true".equalsIgnoreCase(String.valueOf(manifestAttribute(jar, DB_PIPELINING_ATTRIBUTE)).trim());
    }

    private static String manifestAttribute(Path jar, String attribute) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue(attribute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** Non-blank lines that are not comments, over every .java (or a peer's .py) file under {@code sources}; null when there are none to count. */
    public static Long sourceLines(Path sources) {
        if (sources == null || !Files.exists(sources)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            long total = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".py")).toList()) {
                total += Files.readAllLines(file).stream().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("/*") && !l.startsWith("#"))
                        .count();
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
