package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostSectionTest {
    private static final Results COST = Fixtures.withCost(Fixtures.quickRun(), Map.of("servlet-platform", 24.0, "servlet-virtual", 31.5));

    @Test
    void everyRepetitionCarriesItsCostPerRequestAndTheSummariesTheirMedians() {
        Results.Measurement m = COST.measurements().stream().filter(x -> x.target().equals("servlet-platform")).findFirst().orElseThrow();
        assertThat(m.serverCpuMicrosPerRequest()).isCloseTo(1e6 / m.requestsPerCpuSecond(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(m.postgresCpuMicrosPerRequest()).isCloseTo(24.0, org.assertj.core.data.Offset.offset(0.01));
        Results.Summary s = COST.summaries().stream().filter(x -> x.target().equals("servlet-platform") && x.workload().equals("product-by-id"))
                .findFirst().orElseThrow();
        assertThat(s.postgresCpuMicrosPerRequestMedian()).isCloseTo(24.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.machineIdleShareMedian()).isEqualTo(0.2);
    }

    @Test
    void theFindingExplainsTheLeadByCpuPerRequest() {
        assertThat(CostSection.explainsRanking(new RunView(COST), "product-by-id")).hasValue("servlet-platform spends 92.1 µs of server "
                + "CPU per request on product-by-id, servlet-virtual 96.3 µs (1.05× as much): that explains most of servlet-platform's "
                + "1.12× the throughput; PostgreSQL spent 24.0 µs per request under servlet-platform and 31.5 µs under servlet-virtual.");
        assertThat(MarkdownSummary.render(new RunView(COST), List.of())).contains("servlet-platform spends 92.1 µs of server CPU per request");
    }

    @Test
    void theReportsShowTheTopologyAndTheCosts() {
        String html = HtmlReport.render(new RunView(COST));
        assertThat(html).contains("CPU topology: pinned: PostgreSQL CPU 0, servers CPU 1, load CPU 2-3.")
                .contains("<caption>product-by-id: cost per request</caption>")
                .contains("<th scope=\"row\">servlet-platform</th><td>10,930</td><td>92.1 µs</td><td>24.0 µs</td><td>20.0%</td>");
        String md = MarkdownSummary.render(new RunView(COST), List.of());
        assertThat(md).contains("## Cost per request (median µs of CPU)")
                .contains("| servlet-platform | n/a | **10,930 (tie)** | **92.1 µs** | **24.0 µs** | **0.29** |")
                .contains("CPU topology: pinned: PostgreSQL CPU 0, servers CPU 1, load CPU 2-3.");
    }

    @Test
    void anOlderRunSaysItPredatesTheCostAndRendersTheRest() {
        RunView old = new RunView(Fixtures.latencyQuickRun());
        assertThat(CostSection.topology(old.results())).startsWith("not recorded (a run before topologies)");
        assertThat(CostSection.html(old)).contains("CPU topology: not recorded");
    }
}
