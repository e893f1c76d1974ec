package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick fixture run plus a jmh.json from a real ./compare jmh --quick (5 of its 11 benchmarks). */
@DisplayName("the JMH section")
class JmhSectionTest {
    @TempDir
    Path runDir;

    @Test
    void readsJmhsJsonResultFormat() throws IOException {
        copy("/report/jmh/jmh.json", JmhSection.FILE);
        List<JmhSection.Score> scores = JmhSection.read(runDir);
        assertThat(scores).extracting(s -> s.suite() + "." + s.path()).containsExactly(
                "BrandsJsonBenchmark.jackson2ContractJson", "BrandsJsonBenchmark.vertxJsonArray", "CreateBodyBenchmark.jackson2ContractJson",
                "DateHeaderBenchmark.httpDateCached", "DateHeaderBenchmark.jdkFormatterUncached");
        JmhSection.Score first = scores.getFirst();
        assertThat(first.score()).isEqualTo(7101.548737157475);
        assertThat(first.error()).isEqualTo(1084.267098733391);
        assertThat(first.unit()).isEqualTo("ns/op");
        assertThat(first.mode()).isEqualTo("avgt");
        assertThat(first.forks()).isEqualTo(1);
        assertThat(first.measurementIterations()).isEqualTo(3);
        assertThat(first.jmhVersion()).isEqualTo("1.37");
    }

    @Test
    void tabulatesEveryPathWithWhoTakesItAndFlagsWideErrors() throws IOException {
        String md = JmhSection.markdown(withJmh());
        assertThat(md).startsWith("## Per-request cost of the paths that differ (JMH)\n\n")
                .contains("(JMH 1.37, JDK 25.0.3, mode avgt, 1 fork(s) of 3 × 1 s after 2 × 1 s of warm-up; "
                        + "± is the 99.9% confidence half-width). Raw: [jmh.json](jmh.json), log: [jmh.txt](jmh.txt).")
                .contains("| step | path | used by | score | ± error | unit |")
                .contains("| /brands JSON (100 rows) | jackson2ContractJson | servlet, netty | 7,102 | 1,084 (wide) | ns/op |")
                .contains("| /brands JSON (100 rows) | vertxJsonArray | vertx | 18,123 | 15,043 (wide) | ns/op |")
                .contains("| POST /product body | jackson2ContractJson | servlet, netty | 191 | 24.9 (wide) | ns/op |")
                .contains("| Date header | httpDateCached | netty, vertx, webflux | 25.9 | 2.9 (wide) | ns/op |")
                .contains("| Date header | jdkFormatterUncached | none (for comparison) | 211 | 212 (wide) | ns/op |");
    }

    @Test
    void explainsTheScoresAgainstTheRunsMeasuredCpuPerRequest() throws IOException {
        String md = JmhSection.markdown(withJmh());
        // servlet-platform is the most CPU-efficient on seed: 7,245.5 req/CPU-s, so 138 µs per request.
        assertThat(md).contains("- /brands JSON (100 rows): 7,102 to 18,123 ns on the paths the implementations take. On the seed workload the most "
                + "CPU-efficient target, servlet-platform, used 138 µs of server CPU per request (7,246 req/CPU-s at a median 7,198 req/s): "
                + "the paths take 5.1% to 13% of that, a difference of 8.0%.");
        assertThat(md).contains("- POST /product body: 191 ns on the paths the implementations take. On the create-product workload the most "
                + "CPU-efficient target, servlet-platform, used 105 µs of server CPU per request (9,541 req/CPU-s at a median 8,690 req/s): "
                + "the path takes 0.2% of that.");
        assertThat(md).contains("- Date header: 25.9 ns on the paths the implementations take (211 ns on those measured for comparison). "
                + "On the time workload the most CPU-efficient target, servlet-platform, used 17.5 µs of server CPU per request");
        assertThat(md).contains("not a ranking of the frameworks")
                .contains("Rows marked wide have an error above 10% of their score");
    }

    @Test
    void isAnEscapedHtmlSectionWithAPlainTable() throws IOException {
        String html = JmhSection.html(withJmh());
        assertThat(html).startsWith("<section id=\"jmh\">\n<h2>Per-request cost of the paths that differ (JMH)</h2>")
                .contains("<a href=\"jmh.json\">jmh.json</a>")
                .contains("<caption>JMH: one thread, average time per operation</caption>")
                .contains("<tr class=\"noisy\"><th scope=\"row\">/brands JSON (100 rows): vertxJsonArray</th><td>vertx</td><td>18,123</td>"
                        + "<td>15,043 (wide)</td><td>ns/op</td></tr>")
                .contains("<li>/brands JSON (100 rows): 7,102 to 18,123 ns")
                .endsWith("</ul>\n</section>\n");
    }

    @Test
    void rendersNothingWithoutJmhJson() {
        RunView withoutJmh = new RunView(Fixtures.quickRun(), runDir);
        assertThat(JmhSection.markdown(withoutJmh)).isEmpty();
        assertThat(JmhSection.html(withoutJmh)).isEmpty();
        assertThat(JmhSection.markdown(new RunView(Fixtures.quickRun()))).as("a run built in memory has no folder").isEmpty();
    }

    @Test
    void landsInSummaryMdAndIndexHtmlWhenTheRunIsRendered() throws IOException {
        copy("/report/fixture-run/results.json", RunReport.RESULTS);
        copy("/report/jmh/jmh.json", JmhSection.FILE);
        RunReport.render(runDir);
        String summary = Files.readString(runDir.resolve(MarkdownSummary.FILE));
        assertThat(summary).contains("## Per-request cost of the paths that differ (JMH)");
        assertThat(summary.indexOf("## Per-request cost")).isLessThan(summary.indexOf("## Caveats"));
        assertThat(Files.readString(runDir.resolve(HtmlReport.FILE))).contains("<section id=\"jmh\">");
    }

    private RunView withJmh() throws IOException {
        copy("/report/jmh/jmh.json", JmhSection.FILE);
        return new RunView(Fixtures.quickRun(), runDir);
    }

    private void copy(String resource, String file) throws IOException {
        try (InputStream in = JmhSectionTest.class.getResourceAsStream(resource)) {
            Files.copy(in, runDir.resolve(file));
        }
    }
}
