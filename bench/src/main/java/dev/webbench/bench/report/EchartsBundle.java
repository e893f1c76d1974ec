package dev.webbench.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The ECharts library for index.html, read from the org.webjars.npm:echarts jar on the classpath at render time and
 * inlined, so the page opens from disk with no network. The version comes from the webjar's own pom.properties,
 * so upgrading is a pom change only.
 */
final class EchartsBundle {
    private static final String POM_PROPERTIES = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String SCRIPT = "/META-INF/resources/webjars/echarts/%s/dist/echarts.min.js";

    private static volatile String cached;

    private EchartsBundle() {
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = open(POM_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** The minified library, safe to place inside a {@code <script>} element. */
    static String script() {
        String script = cached;
        if (script == null) {
            try (InputStream in = open(SCRIPT.formatted(version()))) {
                // A literal "</script" inside the library would end the element; as "<\/script" JavaScript reads the same text.
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cached = script;
        }
        return script;
    }

    private static InputStream open(String resource) {
        InputStream in = EchartsBundle.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath: the org.webjars.npm:echarts dependency is missing "
                    + "(or missing from target/lib beside bench.jar)");
        }
        return in;
    }
}
