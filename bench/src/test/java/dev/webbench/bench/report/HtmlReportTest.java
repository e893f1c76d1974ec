package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("index.html")
class HtmlReportTest {
    /** 4 throughput + 2 ceiling ratios + 4 latency (the DB ceiling has none) + CPU + memory + startup. */
    static final int FIXTURE_CHARTS = 13;

    private static final String CLEAN = HtmlReport.render(new RunView(Fixtures.quickRun()));
    private static final String FAILED = HtmlReport.render(new RunView(Fixtures.withFailure()));

    @Nested
    @DisplayName("is one self-contained page")
    class SelfContained {
        @Test
        void inlinesEchartsAndLoadsNothingFromOutside() {
            assertThat(CLEAN).contains("echarts").contains("Licensed to the Apache Software Foundation");
            assertThat(CLEAN).doesNotContainPattern("<script[^>]+src=").doesNotContain("<link").doesNotContain("@import");
            assertThat(CLEAN.length()).as("ECharts plus the report").isBetween(1_000_000, 1_400_000);
        }

        @Test
        void passesItsDataAsJsonThatParsesAndMatchesTheChartElements() throws Exception {
            JsonNode data = new ObjectMapper().readTree(between(CLEAN, "<script type=\"application/json\" id=\"report-data\">", "</script>"));
            List<String> ids = new ArrayList<>();
            data.get("charts").forEach(c -> ids.add(c.get("id").asText()));
            assertThat(ids).hasSize(FIXTURE_CHARTS).doesNotHaveDuplicates();
            assertThat(allMatches(CLEAN, "<div class=\"chart\" id=\"([^\"]+)\"")).containsExactlyElementsOf(ids);
            assertThat(CLEAN).contains("data-charts-expected=\"" + FIXTURE_CHARTS + "\"");
        }

        @Test
        void scriptBlockJsonCannotEndTheElementEarly() throws Exception {
            String json = ReportJson.forScriptBlock(List.of("</script><script>alert(1)</script>", "<!--"));
            assertThat(json).doesNotContain("<").contains("\\u003c/script>");
            assertThat(new ObjectMapper().readValue(json, List.class)).containsExactly("</script><script>alert(1)</script>", "<!--");
        }
    }

    @Nested
    @DisplayName("has every section")
    class Sections {
        @Test
        void inReadingOrderWithHeadings() {
            List<String> sections = allMatches(CLEAN, "<section id=\"([a-z]+)\"");
            assertThat(sections).containsExactly("problems", "findings", "throughput", "latency", "efficiency", "websocket", "environment",
                    "measurements");
            assertThat(allMatches(CLEAN, "<h3>([^<]+)</h3>")).contains("seed", "product-by-id", "time", "create-product",
                    "Share of the ceilings", "Latency against throughput (open-model load ladder)");
        }

        @Test
        void marksWhatThisRunDidNotMeasure() {
            assertThat(CLEAN).contains("data-placeholder=\"gatling-ladder\"><p><strong>Not measured in this run.</strong>");
            assertThat(CLEAN).contains("data-placeholder=\"websocket\"><p><strong>Not measured in this run.</strong>");
        }

        @Test
        void describesEnvironmentAndMethod() {
            assertThat(CLEAN).contains("<dt>Machine</dt><dd>AMD EPYC, 2 cores, 24,105 MiB memory; Debian GNU/Linux 12 (bookworm)")
                    .contains("<dt>JDK</dt><dd>Eclipse Adoptium 25.0.3+9-LTS</dd>")
                    .contains("<dt>JVM flags (every started target)</dt><dd>-Xms512m -Xmx512m -XX:+UseG1GC --enable-native-access=ALL-UNNAMED</dd>")
                    .contains("<dt>PostgreSQL</dt><dd>17.11 (embedded)</dd>")
                    .contains("<dt>Repetitions</dt><dd>3 × 1 s per workload")
                    .contains("<dt>Noise flag</dt><dd>NOISY when fewer than 3 repetitions or the coefficient of variation exceeds 5.0%</dd>")
                    .contains("2026-11-25 13:19:25 to 2026-11-25 13:25:28 (UTC)");
        }
    }

    @Nested
    @DisplayName("formats numbers")
    class Numbers {
        @Test
        void throughputWithSeparatorsSpreadCvAndCeilingRatios() {
            assertThat(CLEAN).contains("<tr><th scope=\"row\">servlet-platform</th><td>10,930</td><td>10,165</td><td>11,189</td><td>4.9%</td>"
                    + "<td>3</td><td>64</td><td>0.17</td><td>0.29</td><td>ok</td></tr>");
        }

        @Test
        void latencyInMillisecondsWithThreeSignificantDigits() {
            assertThat(CLEAN).contains("<tr><th scope=\"row\">servlet-platform</th><td>5.74</td><td>9.46</td><td>13.4</td><td>31.3</td>"
                    + "<td>110</td><td>ok</td></tr>");
        }

        @Test
        void footprintInMebibytesMillisecondsAndLines() {
            assertThat(CLEAN).contains("<th scope=\"row\">servlet-platform</th><td>7,246</td><td>10,856</td><td>57,131</td><td>9,541</td>"
                    + "<td>113 MiB</td><td>458 MiB</td><td>858 ms</td><td>8.8 MiB</td><td>402</td>");
            assertThat(CLEAN).as("the HTTP ceiling ran only /time: other workloads are n/a")
                    .contains("<tr class=\"ceiling\"><th scope=\"row\">http-ceiling</th><td>n/a</td><td>n/a</td><td>82,331</td>");
        }
    }

    @Nested
    @DisplayName("never hides a problem")
    class Problems {
        @Test
        void aCleanRunSaysSoAndCountsItsNoisyRows() {
            assertThat(between(CLEAN, "<section id=\"problems\"", "</section>")).startsWith(" class=\"clean\"")
                    .contains("No failed results and no warnings").contains("9 of 10 results are NOISY");
        }

        @Test
        void noisyRowsAreMarkedInColourAndWords() {
            assertThat(CLEAN).contains("<tr class=\"noisy\"><th scope=\"row\">servlet-virtual</th><td>9,718</td>")
                    .contains("<td>16.7%</td><td>3</td><td>64</td><td>0.15</td><td>0.26</td><td>NOISY</td></tr>");
            assertThat(CLEAN).contains("<tr class=\"ceiling noisy\"><th scope=\"row\">db-ceiling</th>");
        }

        @Test
        void failedResultsAndWarningsOpenThePageInRed() {
            String problems = between(FAILED, "<section id=\"problems\"", "</section>");
            assertThat(problems).startsWith(" class=\"alert\"")
                    .contains("<li class=\"failed\"><strong>FAILED</strong>: 1 result(s) saw non-2xx answers or socket errors")
                    .contains("<li class=\"failed\">FAILED: servlet-virtual · product-by-id: 51 errors (rep 1: connect 0, read 17, write 0, "
                            + "status 0, timeout 0; rep 2:")
                    .contains("<li class=\"failed\">WARNING: servlet-virtual · seed: 3 errors already during warm-up &lt;/script&gt;"
                            + "&lt;script&gt;alert(1)&lt;/script&gt; &lt;!--</li>");
            assertThat(FAILED.indexOf("id=\"problems\"")).isLessThan(FAILED.indexOf("id=\"findings\""));
            assertThat(FAILED).doesNotContain(Fixtures.HOSTILE_WARNING);
        }

        @Test
        void failedRowsAreHighlightedInEveryTable() {
            assertThat(FAILED).contains("<tr class=\"failed\"><th scope=\"row\">servlet-virtual</th><td>9,718</td>")
                    .contains("<td>FAILED: 51 errors</td></tr>")
                    .contains("<tr class=\"failed\"><th scope=\"row\">servlet-virtual</th><td>5.28</td>");
            assertThat(allMatches(FAILED, "<tr class=\"failed\"><th scope=\"row\">(servlet-virtual)</th><td>product-by-id</td>"))
                    .as("each failed repetition in the full list").hasSize(3);
            assertThat(between(FAILED, "<section id=\"findings\">", "</section>"))
                    .contains("<li class=\"failed\">FAILED: 1 result(s) saw errors and are left out of every ranking: servlet-virtual on "
                            + "product-by-id (51 errors).</li>");
        }
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'" + start + "' in the page").isNotNegative();
        return text.substring(from + start.length(), text.indexOf(end, from + start.length()));
    }

    static List<String> allMatches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
