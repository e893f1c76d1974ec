package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webbench.bench.model.Scenario;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path dir = Files.createDirectories(root.resolve("impl-" + name).resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (threadModels != null) {
            manifest.getMainAttributes().putValue(Targets.THREAD_MODELS_ATTRIBUTE, threadModels);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("impl-" + name + ".jar")); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
