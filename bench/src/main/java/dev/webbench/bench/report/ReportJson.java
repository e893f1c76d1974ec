package dev.webbench.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** JSON written by the reports: snake_case files like results.json, and camelCase data for report.js. */
public final class ReportJson {
    public static final ObjectMapper FILES = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final ObjectMapper PAGE = JsonMapper.builder().build();

    private ReportJson() {
    }

    public static void write(Path file, Object value) {
        try {
            FILES.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * JSON for a {@code <script type="application/json">} block. Every {@code <} becomes {@code \u003c}, which JSON
     * reads back as the same character: no {@code </script>} or {@code <!--} in a target name or warning can end
     * the block early or switch the HTML parser into another state. {@code <} only ever occurs inside JSON strings.
     */
    static String forScriptBlock(Object value) {
        try {
            return PAGE.writeValueAsString(value).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the page data", e);
        }
    }
}
