package dev.webbench.bench.latency.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalsTest {
    @Test
    void theRateIsUsersBetweenTheFirstAndLastStart() {
        assertThat(new Arrivals.Window(1_001, 1.0, false).rate()).isCloseTo(1_000, within(0.001));
        assertThat(new Arrivals.Window(1, 0, false).rate()).isZero();
    }

    @Test
    void recordedStartsAreWrittenAndReadBack(@TempDir Path dir) throws InterruptedException {
        Arrivals arrivals = new Arrivals();
        arrivals.started("time @ 10/s");
        Thread.sleep(20);
        arrivals.started("time @ 10/s");
        arrivals.write(dir.resolve("arrivals.json"));

        Arrivals.Window window = Arrivals.read(dir.resolve("arrivals.json")).get("time @ 10/s");
        assertThat(window.users()).isEqualTo(2);
        assertThat(window.spanSeconds()).isBetween(0.015, 5.0);
        assertThat(Arrivals.read(dir.resolve("missing.json"))).isEmpty();
    }
}
