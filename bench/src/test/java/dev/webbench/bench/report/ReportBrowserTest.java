package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.webbench.bench.model.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens index.html from disk in headless Chromium and reads back the DOM after the scripts ran. The page records its
 * own JavaScript errors and drawn charts on #report-status, so no browser driver is needed.
 */
@DisplayName("index.html in headless Chromium")
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern STATUS = Pattern.compile("<div id=\"report-status\"[^>]*>");

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (apt-get install chromium; .ci/run does it): "
                + "the browser test is skipped");
    }

    @Test
    void aCleanRunOpensWithoutErrorsAndDrawsEveryChart(@TempDir Path dir) throws Exception {
        assertRendersCompletely(Fixtures.quickRun(), HtmlReportTest.FIXTURE_CHARTS, dir);
    }

    @Test
    void aRunWithFailuresAndHostileTextDoesToo(@TempDir Path dir) throws Exception {
        String dom = assertRendersCompletely(Fixtures.withFailure(), HtmlReportTest.FIXTURE_CHARTS, dir);
        assertThat(dom).as("the warning's markup stayed text").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void aRunWithLaddersDrawsThemWithTheSloDashedAndGeneratorLimitedStepsHollow(@TempDir Path dir) throws Exception {
        String dom = assertRendersCompletely(Fixtures.latencyQuickRun(), HtmlReportTest.LATENCY_FIXTURE_CHARTS, dir);
        for (String id : List.of("chart-ladder-product-by-id", "chart-ladder-mixed")) {
            String svg = HtmlReportTest.between(dom, "id=\"" + id + "\"", "</svg>");
            assertThat(svg).as(id + ": the SLO as a dashed red line with its label")
                    .containsPattern("<path [^>]*stroke=\"#c62828\"[^>]*stroke-dasharray=").contains("SLO: p99 ≤ 10 ms");
            assertThat(HtmlReportTest.allMatches(svg, "(<path [^>]*fill=\"#fff\"[^>]*>)")).as(id + ": hollow generator-limited points")
                    .hasSizeGreaterThanOrEqualTo(9);
        }
        // Failures stay loud after the scripts ran: the table rows are still there, red, in the live DOM.
        assertThat(dom).contains("<span class=\"headline\">FAILED · headline: none</span>");
    }

    private static String assertRendersCompletely(Results run, int expectedCharts, Path dir) throws Exception {
        Path page = HtmlReport.write(new RunView(run), dir);
        String dom = dumpDom(page, dir);
        Matcher status = STATUS.matcher(dom);
        assertThat(status.find()).as("#report-status in the dumped DOM").isTrue();
        String element = status.group();
        assertThat(attribute(element, "data-js-errors")).as("JavaScript errors: " + attribute(element, "data-js-error-messages")).isEqualTo("0");
        assertThat(attribute(element, "data-charts-expected")).isEqualTo(String.valueOf(expectedCharts));
        assertThat(attribute(element, "data-charts-rendered")).isEqualTo(String.valueOf(expectedCharts));
        // Each chart element was marked by its own 'finished' event and holds the SVG ECharts drew.
        List<String> charts = HtmlReportTest.allMatches(dom, "(<div class=\"chart\" id=\"[^\"]+\"[^>]*>)");
        assertThat(charts).hasSize(expectedCharts).allSatisfy(c -> assertThat(c).contains("data-rendered=\"true\""));
        String[] afterEachChart = dom.split("<div class=\"chart\" ");
        for (int i = 1; i < afterEachChart.length; i++) {
            assertThat(afterEachChart[i]).as("chart " + i).contains("<svg").containsPattern("<path [^>]*d=\"M");
        }
        return dom;
    }

    private static String dumpDom(Path page, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s; its log:\n" + Files.readString(log));
        }
        assertThat(chromium.exitValue()).as("chromium exit status; its log:\n" + Files.readString(log)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String attribute(String element, String name) {
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(element);
        return value.find() ? value.group(1) : null;
    }
}
