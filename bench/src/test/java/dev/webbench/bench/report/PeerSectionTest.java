package dev.webbench.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.ResultsSchemaTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peers are reference rows: shown with their medians and the ratios to Starlette, never in the ranking or the matrix. */
class PeerSectionTest {
    /** The real quick run with servlet-platform's measurements relabelled as the Starlette peer. */
    private static final Results RUN = asPeer(Fixtures.quickRun(), "servlet-platform", "starlette");

    @Test
    void peersAreLeftOutOfTheContendersAndTheRanking() {
        RunView run = new RunView(RUN);
        assertThat(run.peers()).extracting(Results.TargetInfo::name).containsExactly("starlette");
        assertThat(run.contenders()).extracting(Results.TargetInfo::name).containsExactly("servlet-virtual");
        assertThat(run.ranking("seed")).extracting(Results.Summary::target).containsExactly("servlet-virtual");
        assertThat(run.label("starlette")).isEqualTo("starlette (reference)");
        assertThat(run.label("servlet-virtual")).isEqualTo("servlet-virtual");
    }

    @Test
    void eachImplementationsRatioIsItsMedianOverStarlettesInTheSameRun() {
        RunView run = new RunView(RUN);
        List<PeerSection.Ratio> ratios = PeerSection.ratios(run);
        assertThat(ratios).extracting(PeerSection.Ratio::target).containsExactly("servlet-virtual");
        for (int i = 0; i < PeerSection.WORKLOADS.size(); i++) {
            String workload = PeerSection.WORKLOADS.get(i);
            double expected = median(run, "servlet-virtual", workload) / median(run, "starlette", workload);
            assertThat(ratios.getFirst().perWorkload().get(i).orElseThrow()).as(workload).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void summaryMdShowsThePeerAsAReferenceRowWithTheDocumentsFigureAndKeepsItOutOfTheMatrix() {
        String markdown = MarkdownSummary.render(new RunView(RUN), List.of());
        String matrix = markdown.substring(markdown.indexOf("## Decision matrix"), markdown.indexOf("## Findings"));
        assertThat(matrix).contains("servlet-virtual").doesNotContain("starlette");
        String section = markdown.substring(markdown.indexOf("## Reference: the document's Python frameworks"));
        RunView run = new RunView(RUN);
        assertThat(section).contains("2,781 req/s").contains("| starlette |")
                .contains("| servlet-virtual | " + PeerSection.times(median(run, "servlet-virtual", "seed") / median(run, "starlette", "seed")) + " |");
        assertThat(markdown).contains("| starlette (reference) |");
        assertThat(Findings.of(run)).anySatisfy(f -> assertThat(f).startsWith("Against the document's own Starlette").contains("servlet-virtual"));
    }

    @Test
    void indexHtmlAndTheConsoleShowThePeers() {
        String html = HtmlReport.render(new RunView(RUN));
        assertThat(html).contains("<section id=\"peers\">").contains("starlette (reference)").contains("2,781 req/s");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeerSection.print(RUN, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Against the document's starlette").contains("servlet-virtual")
                .contains("/brands (seed) " + String.format(Locale.ROOT, "%.1f×", median(new RunView(RUN), "servlet-virtual", "seed")
                        / median(new RunView(RUN), "starlette", "seed")));
    }

    @Test
    void aRunWithPeersIsValidResultsJsonAndReadsBackAsPeers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        RUN.write(file);
        assertThat(ResultsSchemaTest.validate(Results.JSON.readTree(file.toFile()))).isEmpty();
        assertThat(new RunView(Results.read(file)).peers()).extracting(Results.TargetInfo::name).containsExactly("starlette");
    }

    @Test
    void aRunWithoutPeersHasNoSection() {
        RunView run = new RunView(Fixtures.quickRun());
        assertThat(PeerSection.markdown(run)).isEmpty();
        assertThat(PeerSection.html(run)).isEmpty();
        assertThat(PeerSection.finding(run)).isEmpty();
        assertThat(run.contenders()).extracting(Results.TargetInfo::name).containsExactly("servlet-platform", "servlet-virtual");
    }

    @Test
    void withoutStarletteThePeersAreShownButNoRatioIsInvented() {
        RunView run = new RunView(asPeer(Fixtures.quickRun(), "servlet-platform", "flask"));
        assertThat(PeerSection.ratios(run)).isEmpty();
        assertThat(PeerSection.markdown(run)).contains("| flask |").contains("not in this run, so no ratios").doesNotContain("× starlette");
    }

    private static double median(RunView run, String target, String workload) {
        return run.summary(target, workload).orElseThrow().requestsPerSecond().median();
    }

    /** {@code run} with {@code target} renamed to {@code peer} and of the peer kind, as ./compare --peers records one. */
    static Results asPeer(Results run, String target, String peer) {
        List<Results.TargetInfo> targets = run.targets().stream().map(t -> !t.name().equals(target) ? t
                : new Results.TargetInfo(peer, RunView.PEER_KIND, null, t.url(), null, null, t.sourceLines(), t.startupMillis(),
                t.rssIdleKib(), t.rssPeakKib(), t.cpus(), null)).toList();
        List<Results.Measurement> measurements = run.measurements().stream()
                .map(m -> !m.target().equals(target) ? m : new Results.Measurement(peer, m.workload(), m.scenario(), m.connections(),
                        m.repetition(), m.order(), m.tool(), m.durationSeconds(), m.requests(), m.requestsPerSecond(), m.bytes(), m.errors(),
                        m.latencyMicros(), m.serverCpuSeconds(), m.requestsPerCpuSecond(), m.loadCpuSeconds(), m.rawFile(), m.ok(),
                        m.serverCpuMicrosPerRequest(), m.postgresCpuSeconds(), m.postgresCpuMicrosPerRequest(), m.machineIdleShare())).toList();
        List<Results.Summary> summaries = run.summaries().stream().map(s -> !s.target().equals(target) ? s
                : new Results.Summary(peer, s.workload(), s.scenario(), s.connections(), s.requestsPerSecond(), s.noisy(), s.failed(),
                s.errors(), s.latencyP50MicrosMedian(), s.latencyP99MicrosMedian(), s.requestsPerCpuSecondMedian(), s.ratioToHttpCeiling(),
                s.ratioToDbCeiling(), s.serverCpuMicrosPerRequestMedian(), s.postgresCpuMicrosPerRequestMedian(), s.machineIdleShareMedian(),
                s.ratioToGeneratorCeiling(), s.generatorBound(), s.dbCeiling(), s.ceilingExceededBy(), s.intervals())).toList();
        return new Results(run.schemaVersion(), run.runId() + "-peer", run.startedAt(), run.finishedAt(), run.failed(), run.warnings(),
                run.settings(), run.environment(), targets, measurements, summaries, run.latency(), run.warmUps());
    }
}
