package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.bench.model.Results;
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
    /** The latency run: the same 13 kinds of wrk chart plus a ladder chart on product-by-id and one on mixed. */
    static final int LATENCY_FIXTURE_CHARTS = 15;

    private static final String CLEAN = HtmlReport.render(new RunView(Fixtures.quickRun()));
    private static final String FAILED = HtmlReport.render(new RunView(Fixtures.withFailure()));
    private static final String LATENCY = HtmlReport.render(new RunView(Fixtures.latencyQuickRun()));
    /** vertx's five ladders judged against a 250 ms SLO, under which four of them have a headline. */
    private static final String VERTX_250 = HtmlReport.render(new RunView(Fixtures.withSlo(Fixtures.latencyVertxRun(), 250)));

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
            assertThat(sections).containsExactly("problems", "findings", "throughput", "cost", "latency", "efficiency", "websocket",
                    "environment", "measurements");
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
                    + "<td>3</td><td>64</td><td>n/a</td><td>n/a</td><td>0.29 × db-ceiling</td><td>n/a</td><td>ok</td></tr>");
        }

        @Test
        void eachTargetsDatabaseBudgetBesideItsThroughput() {
            String html = HtmlReport.render(new RunView(Fixtures.withDbBudgets(Fixtures.quickRun(),
                    java.util.Map.of("servlet-platform", Results.DbBudget.of(9, 1, "implementation default")))));
            assertThat(html).contains("<th scope=\"col\">DB in flight (conns × pipelining)</th>")
                    .contains("<td>3</td><td>64</td><td>9 × 1 (default)</td><td>n/a</td>");
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
                    .contains("<td>16.7%</td><td>3</td><td>64</td><td>n/a</td><td>n/a</td><td>0.26 × db-ceiling</td><td>n/a</td><td>NOISY</td></tr>");
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

    @Nested
    @DisplayName("renders the latency phase")
    class LatencyPhase {
        @Test
        void replacesBothPlaceholdersAndLinksTheLadderFromTheNav() {
            assertThat(LATENCY).doesNotContain("data-placeholder=").contains("<a href=\"#ladder\">Latency at fixed rates</a>");
            assertThat(allMatches(LATENCY, "<section id=\"([a-z]+)\"")).containsExactly("problems", "findings", "throughput", "cost",
                    "latency", "efficiency", "websocket", "environment", "measurements");
            assertThat(between(LATENCY, "<div id=\"ladder\">", "</section>")).contains("coordinated omission", "open model",
                    "The headline is the highest rate at which that step and every lower one kept p99 ≤ 10 ms",
                    "generator-limited (hollow point, amber row) when Gatling started users more than 5% slower than asked",
                    "Gatling records whole milliseconds");
            assertThat(allMatches(LATENCY, "<h4 id=\"ladder-[a-z-]+\">([^<]+)</h4>")).containsExactly("product-by-id", "mixed");
            assertThat(LATENCY).contains("<dt>Latency phase</dt><dd>Gatling 3.16.0, open model (constantUsersPerSec), one request per user "
                    + "over shared keep-alive connections; ladder steps of 2 s after 4 s of warm-up, SLO p99 ≤ 10 ms; WebSocket runs with 100 "
                    + "clients, 5 broadcast rounds each</dd>");
        }

        @Test
        void drawsOneLadderChartPerEndpointWithTheSloAndEachStepsFlags() throws Exception {
            JsonNode data = new ObjectMapper().readTree(between(LATENCY, "<script type=\"application/json\" id=\"report-data\">", "</script>"));
            List<String> ids = new ArrayList<>();
            data.get("charts").forEach(c -> ids.add(c.get("id").asText()));
            assertThat(ids).hasSize(LATENCY_FIXTURE_CHARTS).contains("chart-ladder-product-by-id", "chart-ladder-mixed").doesNotHaveDuplicates();
            assertThat(allMatches(LATENCY, "<div class=\"chart\" id=\"([^\"]+)\"")).containsExactlyElementsOf(ids);
            assertThat(LATENCY).contains("data-charts-expected=\"" + LATENCY_FIXTURE_CHARTS + "\"");

            JsonNode ladder = data.get("charts").get(ids.indexOf("chart-ladder-product-by-id"));
            assertThat(ladder.get("kind").asText()).isEqualTo("ladder");
            assertThat(ladder.get("markLine").asDouble()).isEqualTo(10);
            assertThat(ladder.get("markLabel").asText()).isEqualTo("SLO: p99 ≤ 10 ms");
            assertThat(ladder.get("series")).extracting(s -> s.get("name").asText())
                    .containsExactly("servlet-platform (FAILED)", "servlet-virtual (FAILED)", "vertx");
            JsonNode vertx = ladder.get("series").get(2);
            assertThat(vertx.get("values").get(0).asDouble()).as("p99 ms of the lowest step").isEqualTo(1804);
            assertThat(vertx.get("x").get(0).asDouble()).as("the arrival rate achieved, not the 7,231/s asked").isBetween(5156.0, 5157.0);
            assertThat(vertx.get("status")).extracting(JsonNode::asText)
                    .containsExactly("generator-limited", "generator-limited errors", "generator-limited errors", "generator-limited errors");
            assertThat(vertx.get("notes").get(1).asText()).isEqualTo("asked 14,461/s (50% of the wrk peak), started 4,145/s; p50 2,408 ms, "
                    + "p99 4,883 ms, max 4,942 ms; 2,277 of 28,922 requests failed; generator-limited");
        }

        @Test
        void tablesEveryStepUnderEachTargetsWrkPeakHeadlineAndGatlingReport() {
            String productById = between(LATENCY, "<h4 id=\"ladder-product-by-id\">", "</table>");
            assertThat(productById).contains("<th scope=\"col\">rate asked (of wrk peak)</th><th scope=\"col\">started/s</th>"
                    + "<th scope=\"col\">p50 ms</th><th scope=\"col\">p90 ms</th><th scope=\"col\">p99 ms</th><th scope=\"col\">p99.9 ms</th>"
                    + "<th scope=\"col\">max ms</th><th scope=\"col\">errors</th><th scope=\"col\">flags</th>");
            assertThat(productById).contains("<tr><th scope=\"rowgroup\" colspan=\"9\" class=\"ladder-target\"><strong>vertx</strong> · "
                            + "wrk peak 28,923 req/s · <span class=\"headline\">headline: none, generator-bound (stopped at a step Gatling could "
                            + "not drive)</span> · <a href=\"gatling/vertx/ladder/laddersimulation-20261125161330503/index.html\">Gatling report</a></th></tr>")
                    .contains("<tr class=\"noisy\"><th scope=\"row\">7,231/s (25%)</th><td>5,156</td><td>786</td><td>1,417</td><td>1,804</td>"
                            + "<td>2,027</td><td>2,027</td><td>0</td><td class=\"text\">over SLO, generator-limited</td></tr>")
                    .contains("<tr><td colspan=\"9\" class=\"problem\">Note: failed requests 2277 at 14461/s, 9740 at 21692/s, 24467 at "
                            + "26031/s (above capacity)</td></tr>");
        }

        @Test
        void aFailedLadderIsRedThroughoutAndSaysWhy() {
            String productById = between(LATENCY, "<h4 id=\"ladder-product-by-id\">", "</table>");
            assertThat(productById).contains("<tr class=\"failed\"><th scope=\"rowgroup\" colspan=\"9\" class=\"ladder-target\">"
                            + "<strong>servlet-platform</strong> · wrk peak 20,086 req/s · <span class=\"headline\">FAILED · headline: none</span> · "
                            + "<a href=\"gatling/servlet-platform/ladder/laddersimulation-20261125160753284/index.html\">Gatling report</a></th></tr>")
                    .contains("<tr class=\"failed\"><th scope=\"row\">5,021/s (25%)</th><td>4,990</td><td>5,000</td><td>5,001</td>"
                            + "<td>5,004</td><td>5,006</td><td>5,008</td><td>7,179</td><td class=\"text\">over SLO, errors</td></tr>")
                    .contains("<tr class=\"failed\"><td colspan=\"9\" class=\"problem\">FAILED: failed requests 7179 at 5021/s, 20086 at "
                            + "10043/s, 30128 at 15064/s, 36154 at 18077/s</td></tr>");
        }

        @Test
        void statesEachHeadlineAsTheHighestRateWithinTheSlo() {
            assertThat(between(VERTX_250, "<h4 id=\"ladder-product-by-id\">", "</table>"))
                    .contains("<span class=\"headline\">headline: p99 ≤ 250 ms up to 8,709/s</span>")
                    .contains("<tr><th scope=\"row\">8,709/s (25%)</th><td>8,716</td><td>1</td><td>67</td><td>132</td><td>179</td><td>191</td>"
                            + "<td>0</td><td class=\"text\">within SLO</td></tr>")
                    .contains("<tr><th scope=\"row\">17,417/s (50%)</th><td>17,425</td><td>156</td><td>241</td><td>260</td><td>289</td>"
                            + "<td>322</td><td>0</td><td class=\"text\">over SLO</td></tr>");
            assertThat(between(VERTX_250, "<h4 id=\"ladder-time\">", "</table>")).contains("<span class=\"headline\">headline: p99 ≤ 250 ms "
                    + "up to 22,992/s, generator-bound (stopped at a step Gatling could not drive)</span>");
            assertThat(between(VERTX_250, "<h4 id=\"ladder-create-product\">", "</table>")).contains("<span class=\"headline\">headline: none</span>");
            assertThat(allMatches(VERTX_250, "<h4 id=\"ladder-[a-z-]+\">([^<]+)</h4>"))
                    .containsExactly("seed", "product-by-id", "time", "create-product", "mixed");
        }

        @Test
        void tablesTheWebSocketRunsPerClientCountWithFailuresInRed() {
            String websocket = between(LATENCY, "<section id=\"websocket\">", "</section>");
            assertThat(websocket).contains("Broadcast latency spans users", "purpose-built probe", "<h3>100 clients</h3>")
                    .contains("<th scope=\"col\">Gatling connect p50 / p99 ms</th><th scope=\"col\">sees everyone p99 ms</th>"
                            + "<th scope=\"col\">probe connect p50 / p99 ms</th><th scope=\"col\">to each p50 / p99 ms</th>"
                            + "<th scope=\"col\">to all p50 / p99 / max ms</th><th scope=\"col\">count-order violations</th>"
                            + "<th scope=\"col\">heap KiB/conn</th><th scope=\"col\">RSS KiB/conn</th><th scope=\"col\">status</th>")
                    .contains("<tr><th scope=\"row\">vertx<br><a class=\"report\" href=\"gatling/vertx/counter-100/countersimulation-"
                            + "20261125161433612/index.html\">Gatling report</a></th><td>20 / 426</td><td>1,732</td><td>10.7 / 25.7</td>"
                            + "<td>17.0 / 39.6</td><td>23.2 / 39.7 / 39.7</td><td>0</td><td>15.9</td><td>150.3</td><td>ok</td></tr>")
                    .contains("<tr class=\"failed\"><th scope=\"row\">servlet-platform<br><a class=\"report\" href=\"gatling/"
                            + "servlet-platform/counter-100/countersimulation-20261125160956241/index.html\">Gatling report</a></th>"
                            + "<td>10,002 / 10,156</td><td>n/a</td><td>n/a</td><td>n/a</td><td>n/a</td><td>0</td><td>n/a</td><td>n/a</td>"
                            + "<td>FAILED</td></tr>")
                    .contains("<tr class=\"failed\"><td colspan=\"10\" class=\"problem\">FAILED: servlet-virtual: Gatling&#39;s checks "
                            + "failed: [connect: count of failed events is 0.0");
        }

        @Test
        void failedLaddersAndWebSocketRunsOpenThePage() {
            String problems = between(LATENCY, "<section id=\"problems\"", "</section>");
            assertThat(problems).startsWith(" class=\"alert\"")
                    .contains("<li class=\"failed\"><strong>FAILED</strong>: 4 of 6 latency ladder(s) and 2 of 3 WebSocket run(s)")
                    .contains("<li class=\"failed\">FAILED: servlet-virtual · latency ladder product-by-id: 3,724 of 4,712 requests failed "
                            + "already at the lowest step, 2,356/s (25% of the wrk peak) (<a href=\"#ladder-product-by-id\">table</a>)</li>")
                    .contains("<li class=\"failed\">FAILED: servlet-platform · WebSocket counter, 100 clients: Gatling&#39;s checks failed "
                            + "with 100 errors, 0 of 5 broadcast rounds completed (<a href=\"#websocket\">table</a>)</li>")
                    .as("no wrk result failed").doesNotContain("result(s) saw non-2xx");
            assertThat(between(LATENCY, "<section id=\"findings\">", "</section>"))
                    .contains("<li class=\"failed\">FAILED: 4 of 6 latency ladders saw failed requests already at their lowest step")
                    .contains("<li class=\"failed\">FAILED: 2 of 3 WebSocket counter runs: servlet-platform with 100 clients");
        }

        @Test
        void aRunWithoutTheLatencyPhaseKeepsThePlaceholders() {
            String skipped = HtmlReport.render(new RunView(Fixtures.withoutLatency(Fixtures.latencyQuickRun())));
            assertThat(skipped).contains("data-placeholder=\"gatling-ladder\"><p><strong>Not measured in this run.</strong>")
                    .contains("data-placeholder=\"websocket\"><p><strong>Not measured in this run.</strong>")
                    .contains("data-charts-expected=\"" + FIXTURE_CHARTS + "\"").doesNotContain("chart-ladder-").doesNotContain("<dt>Latency phase</dt>");
            assertThat(between(skipped, "<section id=\"problems\"", "</section>")).startsWith(" class=\"clean\"");
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
