package dev.webbench.bench;

import dev.webbench.bench.gatling.CounterSimulation;
import dev.webbench.bench.gatling.LadderSimulation;
import dev.webbench.bench.latency.Arrivals;
import dev.webbench.bench.latency.CounterPlan;
import dev.webbench.bench.latency.CounterProbe;
import dev.webbench.bench.latency.GatlingReport;
import dev.webbench.bench.latency.GatlingRunner;
import dev.webbench.bench.latency.LadderPlan;
import dev.webbench.bench.latency.LadderVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk cannot measure, for one target at a time after the wrk phase: the open-model latency ladder on each
 * endpoint and on the mix (Gatling), and the WebSocket counter under a connection ramp (Gatling) followed by the
 * broadcast-latency probe (HdrHistogram) and memory per idle connection.
 */
final class LatencyPhase {
    /** Gatling's request timeout: above the contract's worst database answer (2 x DB_TIMEOUT_MS), so a hang shows as an error. */
    static final int REQUEST_TIMEOUT_MILLIS = 5_000;

    /** @param ladders the endpoints to ladder (scenario ids and "mixed"); empty means every measured one */
    record Options(double sloMillis, List<Double> fractions, List<Double> extraRates, int warmupSeconds, int stepSeconds,
                   List<String> ladders, List<Integer> websocketClients, int broadcastRounds) {

        Results.LatencySettings settings() {
            return new Results.LatencySettings("Gatling " + GatlingRunner.VERSION + ", open model (constantUsersPerSec), one request per "
                    + "user over shared keep-alive connections", sloMillis, fractions, extraRates, warmupSeconds, stepSeconds,
                    websocketClients, rampSeconds(websocketClients.getFirst()), broadcastRounds);
        }

        /** The connection ramp: 100 clients a second, at least 2 s. */
        static int rampSeconds(int clients) {
            return Math.max(2, clients / 100);
        }

        /** Seconds the phase should take for one target with {@code endpoints} ladders (for the progress line). */
        double plannedSeconds(int endpoints) {
            int steps = fractions.size() + extraRates.size();
            double ladder = endpoints * (6 + warmupSeconds + steps * (stepSeconds + 0.3));
            double websocket = websocketClients.stream().mapToDouble(c -> 2 * rampSeconds(c) + 12 + broadcastRounds * 0.1).sum();
            return ladder + websocket;
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Options options;
    private final Path runDir;
    private final GatlingRunner gatling;
    private final List<String> warnings;

    LatencyPhase(Options options, Path runDir, String loadCpus, List<String> warnings) {
        this.options = options;
        this.runDir = runDir;
        this.gatling = new GatlingRunner(loadCpus);
        this.warnings = warnings;
    }

    /** The endpoints a target gets a ladder on: its measured scenarios, plus the mix when all of its routes were measured. */
    static List<String> endpoints(Target target, List<String> scenarios, Map<String, Double> peaks, List<String> wanted) {
        List<String> endpoints = new ArrayList<>();
        for (String id : scenarios) {
            if (target.scenarios().contains(Scenario.parse(id)) && peaks.getOrDefault(id, 0.0) > 0) {
                endpoints.add(id);
            }
        }
        if (LadderPlan.mixedPeak(peaks) > 0) {
            endpoints.add(LadderPlan.MIXED);
        }
        return wanted.isEmpty() ? endpoints : endpoints.stream().filter(wanted::contains).toList();
    }

    /** The wrk median req/s of each scenario at the run's own concurrency, for one target. */
    static Map<String, Double> peaks(String target, List<Results.Summary> summaries) {
        Map<String, Double> peaks = new LinkedHashMap<>();
        for (Results.Summary summary : summaries) {
            if (summary.target().equals(target) && summary.workload().equals(summary.scenario())) {
                peaks.put(summary.scenario(), summary.requestsPerSecond().median());
            }
        }
        return peaks;
    }

    /**
     * One Gatling run per endpoint, each with its own warm-up: a generator that crashes or a target that falls over
     * at one endpoint's top step costs that ladder only, and the next starts on fresh connections.
     */
    List<Results.Ladder> ladders(Target target, URI uri, List<String> endpoints, Map<String, Double> peaks) {
        Map<String, Double> allPeaks = new LinkedHashMap<>(peaks);
        allPeaks.put(LadderPlan.MIXED, LadderPlan.mixedPeak(peaks));
        List<Results.Ladder> ladders = new ArrayList<>();
        for (String endpoint : endpoints) {
            Results.Ladder ladder = ladder(target, uri, endpoint, allPeaks.get(endpoint));
            if (ladder.problem() != null) {
                warnings.add(target.name() + " · ladder " + ladder.endpoint() + ": " + ladder.problem() + (ladder.failed() ? "" : " (above capacity)"));
            }
            if (ladder.steps().stream().anyMatch(Results.LadderStep::generatorLimited)) {
                warnings.add(target.name() + " · ladder " + ladder.endpoint() + ": Gatling could not start users as fast as asked at "
                        + ladder.steps().stream().filter(Results.LadderStep::generatorLimited).map(s -> String.format("%.0f/s", s.rate())).toList()
                        + "; those steps measure the generator, not the server");
            }
            ladders.add(ladder);
        }
        return ladders;
    }

    private Results.Ladder ladder(Target target, URI uri, String endpoint, Double peak) {
        Path dir = runDir.resolve("gatling").resolve(target.name()).resolve("ladder-" + endpoint);
        mkdirs(dir);
        List<LadderPlan.Step> steps = LadderPlan.ladder(endpoint, peak, options.fractions(), options.extraRates());
        LadderPlan plan = new LadderPlan(uri.toString(), options.warmupSeconds(), options.stepSeconds(), REQUEST_TIMEOUT_MILLIS, steps);
        Path planFile = dir.resolve("plan.json");
        Path arrivalsFile = dir.resolve("arrivals.json");
        plan.write(planFile);
        Duration timeout = Duration.ofSeconds(120 + options.warmupSeconds() + (long) steps.size() * (options.stepSeconds() + REQUEST_TIMEOUT_MILLIS / 1000));
        GatlingRunner.Run run = gatling.run(LadderSimulation.class, Map.of("webbench.plan", planFile.toString(),
                "webbench.arrivals", arrivalsFile.toString(), "gatling.http.requestTimeout", String.valueOf(REQUEST_TIMEOUT_MILLIS)),
                dir, timeout);
        String report = run.reportDir() == null ? null : runDir.relativize(run.reportDir().resolve("index.html")).toString();
        // Gatling's per-step assertions (zero failed requests) fail visibly in its report and console; the steps
        // carry the same error counts, so only a run that produced no report is a problem of its own here.
        return LadderVerdict.ladder(target.name(), endpoint, peak, steps, run.rows(), Arrivals.read(arrivalsFile), options.sloMillis(),
                report, run.problem(), run.cpu());
    }

    List<Results.WebSocketRun> websockets(Target target, URI uri, ServerProcess process) {
        List<Results.WebSocketRun> runs = new ArrayList<>();
        for (int clients : options.websocketClients()) {
            runs.add(websocket(target, uri, process, clients));
        }
        return runs;
    }

    private Results.WebSocketRun websocket(Target target, URI uri, ServerProcess process, int clients) {
        int ramp = Options.rampSeconds(clients);
        Path dir = runDir.resolve("gatling").resolve(target.name());
        mkdirs(dir);
        Path planFile = dir.resolve("counter-" + clients + "-plan.json");
        new CounterPlan("ws://" + uri.getHost() + ":" + uri.getPort(), clients, ramp, ramp + 10, 1).write(planFile);
        GatlingRunner.Run run = gatling.run(CounterSimulation.class, Map.of("webbench.plan", planFile.toString()),
                dir.resolve("counter-" + clients), Duration.ofSeconds(120 + 3L * ramp));
        List<String> problems = new ArrayList<>();
        if (run.problem() != null) {
            problems.add(run.problem());
        } else if (!run.assertionsPassed()) {
            problems.add("Gatling's checks failed: " + run.assertions().stream().filter(a -> !a.passed()).map(GatlingReport.Assertion::text).toList()
                    + "; see " + runDir.relativize(run.log()));
        }
        GatlingReport.Row all = run.row("All Requests");
        GatlingReport.Row connect = run.row(CounterSimulation.CONNECT);
        GatlingReport.Row seesAll = run.row(CounterSimulation.SEES_ALL);

        CounterProbe probe = new CounterProbe(uri);
        long[] before = memory(process);
        long[][] after = new long[1][];
        CounterProbe.Result result = probe.run(clients, Duration.ofSeconds(ramp), options.broadcastRounds(), () -> after[0] = memory(process));
        problems.addAll(result.problems());
        Results.Memory memory = after[0] == null ? null : memory(before, after[0], clients);

        boolean failed = !problems.isEmpty();
        problems.forEach(p -> warnings.add(target.name() + " · websocket " + clients + " clients: " + p));
        return new Results.WebSocketRun(target.name(), clients, ramp, failed, List.copyOf(problems),
                connect == null ? null : connect.percentiles(), seesAll == null ? null : seesAll.percentiles(),
                all == null ? -1 : all.ko(), run.assertionsPassed(),
                run.reportDir() == null ? null : runDir.relativize(run.reportDir().resolve("index.html")).toString(),
                result.connectMicros(), result.firstCountMicros(), result.rounds(), result.deliveryEachMicros(), result.deliveryAllMicros(),
                result.sequenceViolations(), memory);
    }

    /** The ladder, failed for {@code why} (the server died under it). */
    static Results.Ladder failed(Results.Ladder ladder, String why) {
        return new Results.Ladder(ladder.target(), ladder.endpoint(), ladder.peakRequestsPerSecond(), ladder.steps(),
                ladder.maxRateWithinSlo(), ladder.consistent(), true, ladder.report(),
                ladder.problem() == null ? why : ladder.problem() + "; " + why);
    }

    /** A WebSocket run that could not take place. */
    static Results.WebSocketRun notMeasured(String target, int clients, String why) {
        return new Results.WebSocketRun(target, clients, Options.rampSeconds(clients), true, List.of(why), null, null, -1, false, null,
                null, null, 0, null, null, 0, null);
    }

    /** RSS and heap-after-full-GC of the server, in KiB; -1 each where not measurable. */
    private static long[] memory(ServerProcess process) {
        if (process == null) {
            return new long[] {-1, -1};
        }
        long heap = heapAfterGc(process.pid());
        return new long[] {process.rssKib(), heap};
    }

    private static Results.Memory memory(long[] before, long[] after, int clients) {
        double rssPer = before[0] < 0 || after[0] < 0 ? -1 : (after[0] - before[0]) / (double) clients;
        double heapPer = before[1] < 0 || after[1] < 0 ? -1 : (after[1] - before[1]) / (double) clients;
        return new Results.Memory(before[0], after[0], before[1], after[1], Math.round(rssPer * 10) / 10.0, Math.round(heapPer * 10) / 10.0);
    }

    /**
     * The server's live heap: {@code jcmd GC.run}, then the used figure of {@code GC.heap_info}. A diagnostic full GC
     * outside any timed window, so that the figure is what the connections retain, not garbage.
     */
    static long heapAfterGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            run(jcmd.toString(), String.valueOf(pid), "GC.run");
            Matcher used = HEAP_USED.matcher(run(jcmd.toString(), String.valueOf(pid), "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
