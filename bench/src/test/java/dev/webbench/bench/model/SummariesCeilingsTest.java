package dev.webbench.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ceiling each ratio is to, when a ceiling stops being one, and when a target is flagged generator-bound. */
class SummariesCeilingsTest {
    private static final String TIME = "time";
    private static final String PRODUCT = "product-by-id";

    private final List<Results.Measurement> measurements = new ArrayList<>();

    /** Three repetitions of {@code target} on {@code workload} at these req/s. */
    private void measured(String target, String workload, double... rates) {
        for (int rep = 0; rep < rates.length; rep++) {
            measurements.add(Results.Measurement.of(target, workload, workload, 64, rep + 1, measurements.size() + 1, "wrk")
                    .durationSeconds(1.0).requests((long) rates[rep]).requestsPerSecond(rates[rep]).ok(true).build());
        }
    }

    private static Results.TargetInfo target(String name, int connections, int pipelining) {
        return new Results.TargetInfo(name, "implementation", null, null, null, null, null, null, null, null, null,
                Results.DbBudget.of(connections, pipelining, "implementation default"));
    }

    private Results.Summary summary(List<Results.Summary> summaries, String target, String workload) {
        return summaries.stream().filter(s -> s.target().equals(target) && s.workload().equals(workload)).findFirst().orElseThrow();
    }

    @Test
    void eachProductByIdReadsAgainstTheCeilingOfItsOwnBudgetAndTimeAgainstTheHttpCeiling() {
        measured("servlet", PRODUCT, 9_000, 10_000, 11_000);
        measured("vertx", PRODUCT, 18_000, 20_000, 22_000);
        measured("servlet", TIME, 30_000, 31_000, 32_000);
        measured(Results.dbCeilingName(9, 1), PRODUCT, 19_000, 20_000, 21_000);
        measured(Results.dbCeilingName(8, 16), PRODUCT, 39_000, 40_000, 41_000);
        measured(Results.HTTP_CEILING, TIME, 60_000, 62_000, 64_000);
        measured(Results.GENERATOR_CEILING, TIME, 100_000, 100_000, 100_000);

        List<Results.Summary> summaries = Summaries.of(measurements, List.of(target("servlet", 9, 1), target("vertx", 8, 16)));

        Results.Summary servlet = summary(summaries, "servlet", PRODUCT);
        assertThat(servlet.dbCeiling()).isEqualTo("db-ceiling-9x1");
        assertThat(servlet.ratioToDbCeiling()).isCloseTo(0.5, offset(1e-9));
        assertThat(servlet.ratioToHttpCeiling()).as("product-by-id is not bounded by /time").isNull();
        assertThat(servlet.ratioToGeneratorCeiling()).isCloseTo(0.1, offset(1e-9));
        Results.Summary vertx = summary(summaries, "vertx", PRODUCT);
        assertThat(vertx.dbCeiling()).isEqualTo("db-ceiling-8x16");
        assertThat(vertx.ratioToDbCeiling()).isCloseTo(0.5, offset(1e-9));
        assertThat(summary(summaries, "servlet", TIME).ratioToHttpCeiling()).isCloseTo(0.5, offset(1e-9));
        assertThat(summaries.stream().filter(s -> Summaries.isCeiling(s.target()))).allMatch(s -> s.ceilingExceededBy() == null)
                .allMatch(s -> s.ratioToDbCeiling() == null && s.ratioToHttpCeiling() == null && s.ratioToGeneratorCeiling() == null);
    }

    @Test
    void aTargetAboveACeilingBeyondTheNoiseInvalidatesItAndGetsNoRatioToIt() {
        measured("vertx", TIME, 70_000, 71_000, 72_000);
        measured("servlet", TIME, 40_000, 41_000, 42_000);
        measured(Results.HTTP_CEILING, TIME, 60_000, 62_000, 64_000);

        List<Results.Summary> summaries = Summaries.of(measurements, List.of());

        assertThat(summary(summaries, Results.HTTP_CEILING, TIME).ceilingExceededBy()).isEqualTo("vertx");
        assertThat(summary(summaries, "vertx", TIME).ratioToHttpCeiling()).isNull();
        assertThat(summary(summaries, "servlet", TIME).ratioToHttpCeiling()).as("no ratio to a ceiling that is none").isNull();
    }

    @Test
    void aTargetAboveACeilingWithinTheNoiseLeavesItStanding() {
        measured("vertx", TIME, 61_000, 63_000, 66_000);
        measured(Results.HTTP_CEILING, TIME, 60_000, 62_000, 64_000);

        List<Results.Summary> summaries = Summaries.of(measurements, List.of());

        assertThat(summary(summaries, Results.HTTP_CEILING, TIME).ceilingExceededBy()).isNull();
        assertThat(summary(summaries, "vertx", TIME).ratioToHttpCeiling()).isCloseTo(63_000.0 / 62_000, offset(1e-9));
    }

    @Test
    void aDatabaseCeilingIsInvalidatedOnlyByTheTargetsOfItsBudget() {
        measured("vertx", PRODUCT, 30_000, 31_000, 32_000);
        measured("servlet", PRODUCT, 9_000, 10_000, 11_000);
        measured(Results.dbCeilingName(9, 1), PRODUCT, 19_000, 20_000, 21_000);
        measured(Results.dbCeilingName(8, 16), PRODUCT, 25_000, 26_000, 27_000);

        List<Results.Summary> summaries = Summaries.of(measurements, List.of(target("servlet", 9, 1), target("vertx", 8, 16)));

        assertThat(summary(summaries, "db-ceiling-9x1", PRODUCT).ceilingExceededBy()).isNull();
        assertThat(summary(summaries, "db-ceiling-8x16", PRODUCT).ceilingExceededBy()).isEqualTo("vertx");
        assertThat(summary(summaries, "vertx", PRODUCT).ratioToDbCeiling()).isNull();
        assertThat(summary(summaries, "servlet", PRODUCT).ratioToDbCeiling()).isCloseTo(0.5, offset(1e-9));
    }

    @Test
    void olderRunsReadAgainstTheirSingleDatabaseCeiling() {
        measured("servlet", PRODUCT, 9_000, 10_000, 11_000);
        measured(Results.DB_CEILING, PRODUCT, 19_000, 20_000, 21_000);

        Results.Summary servlet = summary(Summaries.of(measurements), "servlet", PRODUCT);

        assertThat(servlet.dbCeiling()).isEqualTo(Results.DB_CEILING);
        assertThat(servlet.ratioToDbCeiling()).isCloseTo(0.5, offset(1e-9));
    }

    @Test
    void aTargetWithinTenPercentOfTheGeneratorCeilingIsGeneratorBound() {
        measured("netty", TIME, 90_500, 91_000, 91_500);
        measured("servlet", TIME, 85_000, 89_000, 89_500);
        measured(Results.GENERATOR_CEILING, TIME, 100_000, 100_000, 100_000);

        List<Results.Summary> summaries = Summaries.of(measurements, List.of());

        assertThat(summary(summaries, "netty", TIME).generatorBound()).isTrue();
        assertThat(summary(summaries, "servlet", TIME).generatorBound()).isFalse();
        assertThat(summary(summaries, "servlet", TIME).ratioToGeneratorCeiling()).isCloseTo(0.89, offset(1e-9));
    }

    @Test
    void aTargetAboveTheGeneratorCeilingStaysGeneratorBoundButGetsNoRatio() {
        measured("netty", TIME, 120_000, 121_000, 122_000);
        measured(Results.GENERATOR_CEILING, TIME, 100_000, 100_000, 100_000);

        List<Results.Summary> summaries = Summaries.of(measurements, List.of());

        assertThat(summary(summaries, Results.GENERATOR_CEILING, TIME).ceilingExceededBy()).isEqualTo("netty");
        Results.Summary netty = summary(summaries, "netty", TIME);
        assertThat(netty.generatorBound()).isTrue();
        assertThat(netty.ratioToGeneratorCeiling()).isNull();
    }
}
