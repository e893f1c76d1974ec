package dev.webbench.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.webbench.bench.target.Environment;
import dev.webbench.conformance.JarProcess;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ResultsSchemaTest {

    /** Problems of {@code document} against results.schema.json; empty when it validates. */
    public static Set<ValidationMessage> validate(JsonNode document) throws Exception {
        try (InputStream schema = ResultsSchemaTest.class.getResourceAsStream("/results.schema.json")) {
            JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            return compiled.validate(document);
        }
    }

    static Results sample() {
        List<Results.Measurement> measurements = new ArrayList<>();
        int order = 0;
        for (int rep = 1; rep <= 3; rep++) {
            measurements.add(Results.Measurement.of("servlet-virtual", "product-by-id", "product-by-id", 64, rep, ++order, "wrk")
                    .durationSeconds(1.0).requests(10_000 + rep * 100).requestsPerSecond(10_000 + rep * 100).bytes(1_000_000)
                    .latencyMicros(new Results.WrkLatency(100, 900.5, 50.1, 9000, 800, 900, 1000, 3000, 8000)).serverCpuSeconds(0.8)
                    .requestsPerCpuSecond(12_500.0).loadCpuSeconds(0.3).rawFile("raw/x.txt").ok(true).build());
            measurements.add(Results.Measurement.of(Results.HTTP_CEILING, "time", "time", 64, rep, ++order, "wrk")
                    .durationSeconds(1.0).requests(50_000).requestsPerSecond(50_000).bytes(5_000_000)
                    .latencyMicros(new Results.WrkLatency(50, 300, 20, 4000, 250, 300, 400, 900, 2000)).serverCpuSeconds(0.9)
                    .requestsPerCpuSecond(55_000.0).loadCpuSeconds(0.4).rawFile("raw/y.txt").ok(true).build());
            measurements.add(Results.Measurement.of(Results.DB_CEILING, "product-by-id", "product-by-id", 5, rep, ++order, "jdbc-loop")
                    .durationSeconds(1.0).requests(30_000).requestsPerSecond(30_000).loadCpuSeconds(0.7).ok(true).build());
        }
        return new Results(Results.SCHEMA_VERSION, "20261125T000000Z", "2026-11-25T00:00:00Z", "2026-11-25T00:01:00Z", false, List.of(),
                new Results.Settings("quick", List.of("product-by-id", "time"), 1, 64, 2, 3, 0, 1, List.of(), JarProcess.SERVER_JVM_FLAGS,
                        null, null, 5, 0, 0.05),
                new Results.EnvironmentInfo("cpu", 2, 24000, "6.1", "Debian", "JDK 25", "abc", false, "17.11", "embedded", "wrk 4.1.0",
                        0.5, Environment.SHARED_MACHINE_NOTE, null),
                List.of(new Results.TargetInfo("servlet-virtual", "implementation", "virtual", null, "impl-servlet/target/impl-servlet.jar",
                        9_000_000L, 400L, 800L, 110_000L, 400_000L, null, null)),
                measurements, Summaries.of(measurements), null, null);
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

    /** The sample with a latency phase: one ladder whose second step missed, one WebSocket run. */
    static Results sampleWithLatency() {
        Results run = sample();
        Results.LatencySettings settings = new Results.LatencySettings("Gatling 3.16.0, open model (constantUsersPerSec)", 10, List.of(0.25, 0.5),
                List.of(500.0), 4, 2, List.of(100), 2, 5);
        Results.Ladder ladder = new Results.Ladder("servlet-virtual", "product-by-id", 10_200.0, List.of(
                new Results.LadderStep(500, null, 1000, 0, 499.2, false, new Results.Percentiles(1000, 1, 2, 4, 6, 7, 1.2), true, false, 0.42),
                new Results.LadderStep(2550, 0.25, 5100, 0, 2549.8, false, new Results.Percentiles(5100, 2, 5, 9, 12, 14, 2.4), true, false, 0.63),
                new Results.LadderStep(5100, 0.5, 10_200, 3, 4200.0, true, new Results.Percentiles(10_200, 40, 90, 300, 900, 1200, 55), false, false, 0.97)),
                2550.0, true, false, "gatling/servlet-virtual/ladder/laddersimulation-1/index.html", "failed requests 3 at 5100/s");
        Results.WebSocketRun websocket = Results.WebSocketRun.of("servlet-virtual", 100, 2, List.of(),
                new Results.GatlingFigures(new Results.Percentiles(100, 3, 8, 20, 21, 21, 4),
                        new Results.Percentiles(100, 900, 1500, 1700, 1700, 1700, 950), 0L, true,
                        "gatling/servlet-virtual/counter-100/countersimulation-1/index.html"),
                new Results.ProbeFigures(new Results.Percentiles(100, 5000, 9000, 12000, 13000, 13000, 5500),
                        new Results.Percentiles(100, 7000, 11000, 15000, 16000, 16000, 7600), 5,
                        new Results.Percentiles(500, 15000, 30000, 40000, 41000, 41000, 20000),
                        new Results.Percentiles(5, 23000, 40000, 40000, 40000, 40000, 26000), 0,
                        new Results.Memory(600_000L, 615_000L, 10_000L, 11_600L, 150.0, 16.0)));
        return new Results(run.schemaVersion(), run.runId(), run.startedAt(), run.finishedAt(), run.failed(), run.warnings(), run.settings(),
                run.environment(), run.targets(), run.measurements(), run.summaries(),
                new Results.Latency(settings, List.of(ladder), List.of(websocket)), run.warmUps());
    }

    @Test
    void resultsWithALatencyPhaseValidateAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        sampleWithLatency().write(file);
        JsonNode document = Results.JSON.readTree(file.toFile());
        assertThat(validate(document)).isEmpty();
        assertThat(document.at("/latency/ladders/0/steps/0").has("fraction_of_peak")).as("a --rates step has no fraction").isFalse();
        assertThat(document.at("/latency/ladders/0/max_rate_within_slo").asDouble()).isEqualTo(2550);
        assertThat(document.at("/latency/websockets/0/delivery_all_micros/p99").asDouble()).isEqualTo(40_000);
        assertThat(Results.read(file)).isEqualTo(sampleWithLatency());
    }

    @Test
    void realRunsOfBothVersionsValidate() throws Exception {
        for (String run : List.of("/report/fixture-run/results.json", "/report/latency-quick/results.json", "/report/latency-vertx/results.json")) {
            try (InputStream in = ResultsSchemaTest.class.getResourceAsStream(run)) {
                JsonNode document = Results.JSON.readTree(in);
                assertThat(validate(document)).as(run).isEmpty();
            }
        }
    }

    @Test
    void theSchemaRejectsMalformedLatency() throws Exception {
        ObjectNode document = (ObjectNode) Results.JSON.valueToTree(sampleWithLatency());
        ((ObjectNode) document.at("/latency/ladders/0")).put("endpoint", "nonsense");
        ((ObjectNode) document.at("/latency/ladders/0/steps/1")).put("latency_micros", 12);
        ((ObjectNode) document.at("/latency/websockets/0/memory")).put("rss_per_connection_kib", "a lot");
        assertThat(validate(document)).hasSizeGreaterThanOrEqualTo(3);

        ObjectNode versionOne = (ObjectNode) Results.JSON.valueToTree(sampleWithLatency());
        versionOne.put("schema_version", 1);
        assertThat(validate(versionOne)).as("version 1 predates latency").isNotEmpty();
        versionOne.remove("latency");
        assertThat(validate(versionOne)).isEmpty();
    }

    @Test
    void whatWasNotMeasuredIsAbsentNeverMinusOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        sampleWithLatency().write(file);
        String written = java.nio.file.Files.readString(file);
        assertThat(written).doesNotContain(": -1");
        JsonNode dbCeiling = Results.JSON.readTree(written).at("/measurements/2");
        assertThat(dbCeiling.path("target").asText()).isEqualTo(Results.DB_CEILING);
        assertThat(dbCeiling.has("server_cpu_seconds")).isFalse();
        assertThat(dbCeiling.has("requests_per_cpu_second")).isFalse();
    }

    @Test
    void olderRunsReadTheirMinusOneAsNotMeasured() throws Exception {
        try (InputStream in = ResultsSchemaTest.class.getResourceAsStream("/report/latency-quick/results.json")) {
            JsonNode document = Results.JSON.readTree(in);
            assertThat(document.at("/schema_version").asInt()).isEqualTo(2);
            assertThat(document.toString()).as("the fixture still has the old spelling").contains("\"server_cpu_seconds\":-1");
            Results run = Results.JSON.treeToValue(document, Results.class);
            Results.Measurement dbCeiling = run.measurements().stream().filter(m -> m.target().equals(Results.DB_CEILING)).findFirst()
                    .orElseThrow();
            assertThat(dbCeiling.serverCpuSeconds()).isNull();
            assertThat(dbCeiling.requestsPerCpuSecond()).isNull();
            assertThat(dbCeiling.loadCpuSeconds()).isNotNull();
        }
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
        assertThat(servlet.ratioToHttpCeiling()).as("product-by-id reads against the database ceiling, /time against the HTTP one").isNull();
        assertThat(servlet.ratioToDbCeiling()).isCloseTo(10_200.0 / 30_000, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(servlet.dbCeiling()).isEqualTo(Results.DB_CEILING);
        assertThat(servlet.failed()).isFalse();
        assertThat(servlet.errors()).isZero();
        Results.Summary ceiling = results.summaries().stream().filter(s -> s.target().equals("http-ceiling")).findFirst().orElseThrow();
        assertThat(ceiling.ratioToHttpCeiling()).isNull();
    }

    @Test
    void anyErrorFailsTheSummaryAndIsNeverAveragedAway() {
        List<Results.Measurement> measurements = new ArrayList<>(sample().measurements());
        Results.Measurement first = measurements.getFirst();
        measurements.set(0, first.toBuilder().errors(new Results.Errors(0, 0, 0, 1, 0)).ok(false).build());
        Results.Summary servlet = Summaries.of(measurements).stream().filter(s -> s.target().equals("servlet-virtual")).findFirst().orElseThrow();
        assertThat(servlet.failed()).isTrue();
        assertThat(servlet.errors()).isEqualTo(1);
    }
}
