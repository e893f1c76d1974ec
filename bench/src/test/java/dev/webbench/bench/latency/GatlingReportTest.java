package dev.webbench.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatlingReportTest {
    private static String fixture() throws IOException {
        try (InputStream in = GatlingReportTest.class.getResourceAsStream("/gatling/index-statistics.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEveryRowOfTheStatisticsTableByColumnName() throws IOException {
        Map<String, GatlingReport.Row> rows = GatlingReport.parse(fixture());

        assertThat(rows).containsOnlyKeys("All Requests", "warm-up product-by-id", "product-by-id @ 1000/s", "product-by-id @ 2000/s");
        GatlingReport.Row step = rows.get("product-by-id @ 1000/s");
        assertThat(step.total()).isEqualTo(5_000);
        assertThat(step.ok()).isEqualTo(5_000);
        assertThat(step.ko()).isZero();
        assertThat(step.p50()).isZero();
        assertThat(step.p90()).isEqualTo(1);
        assertThat(step.p99()).isEqualTo(9);
        assertThat(step.p999()).isEqualTo(33);
        assertThat(step.max()).isEqualTo(38);
        assertThat(step.percentiles().count()).isEqualTo(5_000);
        assertThat(rows.get("All Requests").total()).isEqualTo(140_000);
    }

    @Test
    void aTableWithoutTheBenchsPercentilesIsRefusedNotReadAsZeros() throws IOException {
        // Gatling's default indicators are 50/75/95/99: no 99.9th column.
        String defaults = fixture().replace("<span>99.9th pct</span>", "<span>95th pct</span>");

        assertThatThrownBy(() -> GatlingReport.parse(defaults)).isInstanceOf(IllegalStateException.class).hasMessageContaining("99.9th pct");
    }

    @Test
    void aPageWithoutStatisticsIsRefused() {
        assertThatThrownBy(() -> GatlingReport.parse("<html><body>Simulation crashed</body></html>"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no statistics table");
    }

    @Test
    void readsTheAssertionOutcomesFromTheConsole() {
        List<GatlingReport.Assertion> assertions = GatlingReport.assertions(List.of(
                "Reports generated, please open the following file: file:///tmp/x/index.html",
                "connect: count of failed events is 0.0 : true (actual : 0.0)",
                "product-by-id @ 18000/s: count of failed events is 0.0 : false (actual : 172.0)"));

        assertThat(assertions).containsExactly(
                new GatlingReport.Assertion("connect: count of failed events is 0.0", true),
                new GatlingReport.Assertion("product-by-id @ 18000/s: count of failed events is 0.0", false));
    }
}
