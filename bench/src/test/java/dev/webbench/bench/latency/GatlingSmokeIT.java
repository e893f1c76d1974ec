package dev.webbench.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.target.Target;
import dev.webbench.bench.target.Targets;
import dev.webbench.conformance.JarProcess;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of real Gatling against the real impl-servlet jar over an embedded PostgreSQL: a two-step ladder
 * on product-by-id and on the mix, and the WebSocket counter with 20 clients and the broadcast probe. The numbers
 * must be real (requests counted, users started at the asked rate, microsecond timings above zero) and clean.
 */
class GatlingSmokeIT {

    @Test
    void ladderAndCounterGiveRealNumbers(@TempDir Path runDir) {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Target servlet = Targets.implementations(root, List.of("servlet")).stream()
                .filter(t -> t.name().equals("servlet-virtual")).findFirst().orElseThrow();
        LatencyPhase.Options options = new LatencyPhase.Options(10, List.of(0.5, 1.0), List.of(), 1, 2, List.of(), List.of(20), 3, true);
        List<String> warnings = new ArrayList<>();
        LatencyPhase phase = new LatencyPhase(options, runDir, null, warnings);

        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            PostgresProvisioner.seed(postgres);
            try (JarProcess server = JarProcess.start(servlet.launch(null, runDir.resolve("logs").resolve(servlet.name() + ".log")),
                    postgres.settings())) {
                Map<String, Double> peaks = Map.of("product-by-id", 400.0, "seed", 200.0, "create-product", 200.0);
                List<Results.Ladder> ladders = phase.ladders(servlet, server.uri(), List.of("product-by-id", "mixed"), peaks);

                assertThat(ladders).extracting(Results.Ladder::endpoint).containsExactly("product-by-id", "mixed");
                for (Results.Ladder ladder : ladders) {
                    assertThat(ladder.failed()).as(ladder.endpoint() + ": " + ladder.problem() + " " + warnings).isFalse();
                    assertThat(ladder.steps()).hasSize(2);
                    assertThat(Files.isRegularFile(runDir.resolve(ladder.report()))).as("Gatling's report " + ladder.report()).isTrue();
                    for (Results.LadderStep step : ladder.steps()) {
                        String what = ladder.endpoint() + " @ " + step.rate();
                        assertThat(step.requests()).as(what + " requests").isEqualTo(Math.round(step.rate() * options.stepSeconds()));
                        assertThat(step.errors()).as(what + " errors").isZero();
                        assertThat(step.arrivalRate()).as(what + " users started per second").isBetween(step.rate() * 0.8, step.rate() * 1.25);
                        Results.Percentiles latency = step.latencyMillis();
                        assertThat(latency.count()).isEqualTo(step.requests());
                        assertThat(latency.max()).isGreaterThanOrEqualTo(latency.p99()).isGreaterThanOrEqualTo(latency.p50());
                    }
                }

                List<Results.WebSocketRun> runs = phase.websockets(servlet, server.uri(), server);

                assertThat(runs).hasSize(1);
                Results.WebSocketRun run = runs.getFirst();
                assertThat(run.failed()).as(String.valueOf(run.problems())).isFalse();
                assertThat(run.gatlingAssertionsPassed()).isTrue();
                assertThat(run.gatlingConnectMillis().count()).isEqualTo(20);
                assertThat(run.gatlingSeesAllMillis().count()).isEqualTo(20);
                assertThat(run.connectMicros().count()).isEqualTo(20);
                assertThat(run.connectMicros().p50()).isPositive();
                assertThat(run.broadcastRounds()).isEqualTo(3);
                assertThat(run.deliveryEachMicros().count()).isEqualTo(60);
                assertThat(run.deliveryEachMicros().p50()).isPositive();
                assertThat(run.deliveryAllMicros().count()).isEqualTo(3);
                assertThat(run.deliveryAllMicros().max()).isGreaterThanOrEqualTo(run.deliveryEachMicros().p50());
                assertThat(run.sequenceViolations()).isZero();
                assertThat(run.memory().heapBeforeKib()).as("heap from jcmd").isPositive();
                assertThat(run.memory().rssAfterKib()).as("RSS from /proc").isPositive();
                assertThat(server.isAlive()).isTrue();
            }
        }
    }
}
