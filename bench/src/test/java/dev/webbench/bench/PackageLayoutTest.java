package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bench's data flows one way, CLI to run to phases to model, and the report reads the model only: read from the
 * imports (and fully qualified names) of {@code src/main/java}, the package graph has no cycle, {@code model}
 * depends on no other bench package, and the root package holds only the commands.
 */
class PackageLayoutTest {
    private static final String BENCH = "dev.webbench.bench";
    private static final Path SOURCES = Path.of("src/main/java/dev/webbench/bench");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** An import, static or not, or a qualified name in the code, of a bench type: the package is what precedes the capitalised name. */
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'|/\\*.*?\\*/|//[^\\n]*",
            Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile("\\b(" + Pattern.quote(BENCH) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void packagesDependOnEachOtherWithoutACycle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        assertThat(graph).as("packages found under %s", SOURCES).containsKeys(BENCH + ".model", BENCH + ".run", BENCH + ".report");
        assertThat(cycles(graph)).as("package cycles in the bench (each listed from one of its packages back to it)").isEmpty();
    }

    @Test
    void theModelImportsNothingElseOfTheBench() throws IOException {
        assertThat(dependencies().get(BENCH + ".model")).as("bench packages that %s.model depends on", BENCH).isEmpty();
    }

    @Test
    void theRootPackageHoldsOnlyCommands() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(file)).as("%s in the root package is a picocli command", file.getFileName())
                        .contains("@Command(");
            }
        }
    }

    /** Every bench package and the other bench packages its sources refer to. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Files.readString(file));
                Matcher declared = PACKAGE.matcher(source);
                assertThat(declared.find()).as("%s declares its package", file).isTrue();
                String own = declared.group(1);
                Set<String> uses = graph.computeIfAbsent(own, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
                while (reference.find()) {
                    if (!reference.group(1).equals(own)) {
                        uses.add(reference.group(1));
                    }
                }
            }
        }
        return graph;
    }

    /** Comments and strings may name any class ("see dev.webbench.bench.run.Preset"): only code counts. */
    private static String withoutComments(String source) {
        return COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
    }

    /** One path per cycle found by a depth-first search, e.g. [a, b, a]. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            visit(start, graph, new ArrayList<>(), done, cycles);
        }
        return cycles;
    }

    private static void visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done,
                              List<List<String>> cycles) {
        int seen = path.indexOf(node);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(node);
            cycles.add(cycle);
            return;
        }
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            visit(next, graph, path, done, cycles);
        }
        path.removeLast();
        done.add(node);
    }

    @Test
    void theCycleSearchFindsACycleAndOnlyThat() {
        assertThat(cycles(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of())))).isEmpty();
        assertThat(cycles(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("a"))))).containsExactly(List.of("a", "b", "a"));
    }
}
