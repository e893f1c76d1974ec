package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webbench.bench.model.Scenario;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsTest {
    @Test
    void everyImplementationJarIsFoundWithItsThreadModels(@TempDir Path root) throws Exception {
        jar(root, "alpha", "platform,virtual");
        jar(root, "beta", null);
        Files.writeString(Files.createDirectories(root.resolve("impl-beta/src/main/java")).resolve("A.java"),
                "// comment\nclass A {\n\n  int x;\n}\n");
        var targets = Targets.implementations(root, java.util.List.of());
        assertThat(targets).extracting(Target::name).containsExactly("alpha-platform", "alpha-virtual", "beta");
        assertThat(targets.getFirst().env()).containsEntry("THREAD_MODEL", "platform");
        assertThat(Targets.sourceLines(targets.get(2).sources())).isEqualTo(3);
        assertThat(Targets.implementations(root, java.util.List.of("beta"))).extracting(Target::name).containsExactly("beta");
        assertThatThrownBy(() -> Targets.implementations(root, java.util.List.of("gamma"))).hasMessageContaining("alpha, beta");
    }

    @Test
    void aDatabaseBudgetGivesEveryTargetTheSameStatementsInFlight(@TempDir Path root) throws Exception {
        jar(root, "alpha", "platform,virtual");
        jar(root, "beta", null);
        jar(root, "gamma", null, true);

        var defaults = Targets.implementations(root, java.util.List.of());
        assertThat(defaults).extracting(Target::name).containsExactly("alpha-platform", "alpha-virtual", "beta", "gamma");
        assertThat(defaults).allSatisfy(t -> {
            assertThat(t.env()).doesNotContainKeys("DB_POOL_SIZE", "DB_PIPELINING");
            assertThat(t.dbBudget()).isNull();
            assertThat(t.dbBudgetSource()).isEqualTo("implementation default");
        });

        var budgeted = Targets.implementations(root, java.util.List.of(), new DatabaseBudgets.Request(8, 2));
        assertThat(budgeted).extracting(Target::name)
                .containsExactly("alpha-platform", "alpha-virtual", "beta", "gamma-conns", "gamma-pipelined");
        assertThat(budgeted.getFirst().env()).isEqualTo(Map.of("THREAD_MODEL", "platform", "DB_POOL_SIZE", "8"));
        assertThat(budgeted.get(2).env()).as("no DB_PIPELINING for a target that cannot pipeline: it would refuse to start")
                .isEqualTo(Map.of("DB_POOL_SIZE", "8"));
        assertThat(budgeted.get(3).env()).isEqualTo(Map.of("DB_POOL_SIZE", "8", "DB_PIPELINING", "1"));
        assertThat(budgeted.get(4).env()).as("one connection per event loop, pipelining the rest")
                .isEqualTo(Map.of("DB_POOL_SIZE", "2", "DB_PIPELINING", "4"));
        assertThat(budgeted).allSatisfy(t -> assertThat(t.dbBudgetSource()).isEqualTo("--db-budget 8"));

        var uneven = Targets.implementations(root, java.util.List.of("gamma"), new DatabaseBudgets.Request(10, 4));
        assertThat(uneven.get(1).env()).as("rounded up to the event loops: 4 x 3 = 12, which its log line will state")
                .isEqualTo(Map.of("DB_POOL_SIZE", "4", "DB_PIPELINING", "3"));
        var tiny = Targets.implementations(root, java.util.List.of("gamma"), new DatabaseBudgets.Request(1, 4));
        assertThat(tiny.get(1).env()).isEqualTo(Map.of("DB_POOL_SIZE", "4", "DB_PIPELINING", "1"));
        var huge = Targets.implementations(root, java.util.List.of("gamma"), new DatabaseBudgets.Request(1000, 2));
        assertThat(huge.get(1).env()).as("DB_PIPELINING's own bound").isEqualTo(Map.of("DB_POOL_SIZE", "2", "DB_PIPELINING", "256"));

        assertThatThrownBy(() -> new DatabaseBudgets.Request(0, 2)).hasMessageContaining("1..1000");
        assertThatThrownBy(() -> new DatabaseBudgets.Request(1001, 2)).hasMessageContaining("1..1000");
    }

    @Test
    void aMissingJarSaysHowToBuildIt(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("impl-alpha"));
        assertThatThrownBy(() -> Targets.implementations(root, java.util.List.of())).hasMessageContaining("mvnw");
    }

    @Test
    void externalTargetsNeedANameAndAnHttpUrl() {
        Target flask = Targets.external("flask=http://10.0.0.5:8000");
        assertThat(flask.name()).isEqualTo("flask");
        assertThat(flask.url().getPort()).isEqualTo(8000);
        assertThat(flask.started()).isFalse();
        assertThatThrownBy(() -> Targets.external("http://x:1")).hasMessageContaining("name=");
        assertThatThrownBy(() -> Targets.external("x=ftp://x:1")).hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> Targets.external("x=http://x")).hasMessageContaining("http://host:port");
    }

    @Test
    void unknownScenarioListsTheKnownOnes() {
        assertThat(Scenario.parse("product-by-id")).isEqualTo(Scenario.PRODUCT_BY_ID);
        assertThatThrownBy(() -> Scenario.parse("brands")).hasMessageContaining("seed, product-by-id, time, create-product");
    }

    private static void jar(Path root, String name, String threadModels) throws Exception {
        jar(root, name, threadModels, false);
    }

    private static void jar(Path root, String name, String threadModels, boolean pipelines) throws Exception {
        Path dir = Files.createDirectories(root.resolve("impl-" + name).resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (threadModels != null) {
            manifest.getMainAttributes().putValue(Targets.THREAD_MODELS_ATTRIBUTE, threadModels);
        }
        manifest.getMainAttributes().putValue(Targets.DB_PIPELINING_ATTRIBUTE, String.valueOf(pipelines));
        try (OutputStream out = Files.newOutputStream(dir.resolve("impl-" + name + ".jar")); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
