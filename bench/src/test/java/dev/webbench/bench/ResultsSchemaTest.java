package dev.webbench.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsSchemaTest {

    static Set<ValidationMessage> validate(JsonNode document) throws Exception {
        try (InputStream schema = Compare.class.getResourceAsStream("/results.schema.json")) {
            JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            return compiled.validate(document);
        }
    }

    static Results sample() {
        List<Results.Measurement> measurements = new ArrayList<>();
        int order = 0;
        for (int rep = 1; rep <= 3; rep++) {
            measurements.add(new Results.Measurement("servlet-virtual", "product-by-id", "product-by-id", 64, rep, ++order, "wrk", 1.0,
                    10_000 + rep * 100, 10_000 + rep * 100, 1_000_000, new WrkReport.Errors(0, 0, 0, 0, 0),
                    new WrkReport.Latency(100, 900.5, 50.1, 9000, 800, 900, 1000, 3000, 8000), 0.8, 12_500, 0.3, "raw/x.txt", true));
            measurements.add(new Results.Measurement("http-ceiling", "time", "time", 64, rep, ++order, "wrk", 1.0,
                    50_000, 50_000, 5_000_000, new WrkReport.Errors(0, 0, 0, 0, 0),
                    new WrkReport.Latency(50, 300, 20, 4000, 250, 300, 400, 900, 2000), 0.9, 55_000, 0.4, "raw/y.txt", true));
            measurements.add(new Results.Measurement(DbCeiling.NAME, "product-by-id", "product-by-id", 5, rep, ++order, "jdbc-loop", 1.0,
                    30_000, 30_000, 0, new WrkReport.Errors(0, 0, 0, 0, 0), null, -1, -1, 0.7, null, true));
        }
        return new Results(Results.SCHEMA_VERSION, "20261125T000000Z", "2026-11-25T00:00:00Z", "2026-11-25T00:01:00Z", false, List.of(),
                new Results.Settings("quick", List.of("product-by-id", "time"), 1, 64, 2, 3, 0, 1, List.of(), ServerProcess.JVM_FLAGS,
                        null, null, 5),
                new Results.EnvironmentInfo("cpu", 2, 24000, "6.1", "Debian", "JDK 25", "abc", false, "17.11", "embedded", "wrk 4.1.0",
                        0.5, Environment.SHARED_MACHINE_NOTE),
                List.of(new Results.TargetInfo("servlet-virtual", "implementation", "virtual", null, "impl-servlet/target/impl-servlet.jar",
                        9_000_000, 400, 800, 110_000, 400_000)),
                measurements, Summaries.of(measurements));
    }

    @Test
    void writtenResultsValidateAgainstTheSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        sample().write(file);
        JsonNode document = Results.JSON.readTree(file.toFile());
        assertThat(validate(document)).isEmpty();
        assertThat(document.at("/summaries/0/ratio_to_db_ceiling").asDouble()).isCloseTo(10_200.0 / 30_000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(document.at("/measurements/0/latency_micros/p99").asInt()).isEqualTo(3000);
        assertThat(Results.read(file)).isEqualTo(sample());
    }

    @Test
    void theSchemaRejectsWhatItShould() throws Exception {
        ObjectNode document = (ObjectNode) Results.JSON.valueToTree(sample());
        document.remove("environment");
        ((ObjectNode) document.at("/measurements/0")).put("scenario", "nonsense");
        assertThat(validate(document)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void summariesCarryRatiosAndFlags() {
        Results results = sample();
        Results.Summary servlet = results.summaries().stream().filter(s -> s.target().equals("servlet-virtual")).findFirst().orElseThrow();
        assertThat(servlet.requestsPerSecond().median()).isEqualTo(10_200);
        assertThat(servlet.ratioToHttpCeiling()).isCloseTo(10_200.0 / 50_000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(servlet.failed()).isFalse();
        assertThat(servlet.errors()).isZero();
        Results.Summary ceiling = results.summaries().stream().filter(s -> s.target().equals("http-ceiling")).findFirst().orElseThrow();
        assertThat(ceiling.ratioToHttpCeiling()).isNull();
    }

    @Test
    void anyErrorFailsTheSummaryAndIsNeverAveragedAway() {
        List<Results.Measurement> measurements = new ArrayList<>(sample().measurements());
        Results.Measurement first = measurements.getFirst();
        measurements.set(0, new Results.Measurement(first.target(), first.workload(), first.scenario(), first.connections(), first.repetition(),
                first.order(), first.tool(), first.durationSeconds(), first.requests(), first.requestsPerSecond(), first.bytes(),
                new WrkReport.Errors(0, 0, 0, 1, 0), first.latencyMicros(), first.serverCpuSeconds(), first.requestsPerCpuSecond(),
                first.loadCpuSeconds(), first.rawFile(), false));
        Results.Summary servlet = Summaries.of(measurements).stream().filter(s -> s.target().equals("servlet-virtual")).findFirst().orElseThrow();
        assertThat(servlet.failed()).isTrue();
        assertThat(servlet.errors()).isEqualTo(1);
    }
}
