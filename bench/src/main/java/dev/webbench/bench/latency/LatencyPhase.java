package dev.webbench.bench.latency;

import dev.webbench.bench.latency.gatling.Arrivals;
import dev.webbench.bench.latency.gatling.CounterPlan;
import dev.webbench.bench.latency.gatling.CounterSimulation;
import dev.webbench.bench.latency.gatling.LadderPlan;
import dev.webbench.bench.latency.gatling.LadderSimulation;
import dev.webbench.bench.model.Results;
import dev.webbench.bench.model.Scenario;
import dev.webbench.bench.target.SeedReset;
import dev.webbench.bench.target.Target;
import dev.webbench.conformance.JarProcess;
import dev.webbench.provision.Postgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjDoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk cannot measure, for one target at a time after the wrk phase: the open-model latency ladder on each
 * endpoint and on the mix (Gatling), and the WebSocket counter under a connection ramp (Gatling) followed by the
 * broadcast-latency probe (HdrHistogram) and memory per idle connection.
 */
public final class LatencyPhase {
    /** Gatling's request timeout: above the contract's worst database answer (2 x DB_TIMEOUT_MS), so a hang shows as an error. */
    static final int REQUEST_TIMEOUT_MILLIS = 5_000;

    /**
     * @param fractions        the ladder's steps as fractions of each target's wrk peak; with no fractions and no extra
     *                         rates there is no ladder (the smoke run)
     * @param ladders          the endpoints to ladder (scenario ids and "mixed"); empty means every measured one
     * @param websocketGatling run Gatling's WebSocket ramp and checks before the probe; the smoke run skips its JVM
     */
    public record Options(double sloMillis, List<Double> fractions, List<Double> extraRates, int warmupSeconds, int stepSeconds,
                   List<String> ladders, List<Integer> websocketClients, int broadcastRounds, boolean websocketGatling) {
        public boolean laddersOn() {
            return !fractions.isEmpty() || !extraRates.isEmpty();
        }

        public Results.LatencySettings settings() {
            return new Results.LatencySettings("Gatling " + GatlingRunner.VERSION + ", open model (constantUsersPerSec), one request per "
                    + "user over shared keep-alive connections", sloMillis, fractions, extraRates, warmupSeconds, stepSeconds,
                    websocketClients, rampSeconds(websocketClients.getFirst()), broadcastRounds);
        }

        /** The connection ramp: 100 clients a second, at least 2 s. */
        static int rampSeconds(int clients) {
            return Math.max(2, clients / 100);
        }

        /** Seconds the phase should take for one target with {@code endpoints} ladders (for the progress line). */
        public double plannedSeconds(int endpoints) {
            int steps = fractions.size() + extraRates.size();
            double ladder = steps == 0 ? 0 : endpoints * (6 + warmupSeconds + steps * (stepSeconds + 0.3));
            double websocket = websocketClients.stream().mapToDouble(c -> (websocketGatling ? 2 * rampSeconds(c) + 12 : rampSeconds(c) + 4)
                    + broadcastRounds * 0.1).sum();
            return ladder + websocket;
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Options options;
    private final Path runDir;
    private final GatlingRunner gatling;
    private final List<String> warnings;

    public LatencyPhase(Options options, Path runDir, String loadCpus, List<String> warnings) {
        this.options = options;
        this.runDir = runDir;
        this.gatling = new GatlingRunner(loadCpus);
        this.warnings = warnings;
    }

    /** Every target that serves the whole contract: the HTTP ceiling answers /time only. */
    public static List<Target> targets(List<Target> all) {
        return all.stream().filter(t -> !t.kind().ceiling()).toList();
    }

    /** Progress lines the phase will print for these targets. */
    public int steps(List<Target> all) {
        return 2 * targets(all).size();
    }

    /** Seconds the phase should take for these targets before wrk has measured their peaks (for the progress line). */
    public double plannedSeconds(List<Target> all, List<String> scenarios) {
        return targets(all).stream().mapToDouble(t -> options.plannedSeconds(plannedEndpoints(t, scenarios))).sum();
    }

    private int plannedEndpoints(Target target, List<String> scenarios) {
        List<String> served = scenarios.stream().filter(id -> target.scenarios().contains(Scenario.parse(id))).toList();
        List<String> endpoints = new ArrayList<>(served);
        if (LadderPlan.MIX.stream().allMatch(share -> served.contains(share.endpoint()))) {
            endpoints.add(Results.Ladder.MIXED);
        }
        return (int) endpoints.stream().filter(e -> options.ladders().isEmpty() || options.ladders().contains(e)).count();
    }

    /**
     * After wrk, one target at a time: its ladders at fractions of the peaks wrk just measured, then the WebSocket runs.
     *
     * @param running  the started targets' processes (external targets have none)
     * @param progress told each step's label and planned seconds before the step
     */
    public Results.Latency run(List<Target> all, Map<Target, JarProcess> running, List<Results.Summary> wrkSummaries,
                               List<String> scenarios, Postgres postgres, ObjDoubleConsumer<String> progress, PrintStream out) {
        List<Results.Ladder> ladders = new ArrayList<>();
        List<Results.WebSocketRun> websockets = new ArrayList<>();
        for (Target target : targets(all)) {
            JarProcess process = running.get(target);
            URI uri = process == null ? target.url() : process.uri();
            Map<String, Double> peaks = peaks(target.name(), wrkSummaries);
            List<String> endpoints = endpoints(target, scenarios, peaks, options.ladders());
            if (!options.laddersOn()) {
                endpoints = List.of();
            } else {
                progress.accept(target.name() + " · latency ladder · " + endpoints.size() + " endpoints (Gatling)",
                        options.plannedSeconds(endpoints.size()) - options.plannedSeconds(0));
            }
            if (!options.laddersOn()) {
                // The smoke run has no ladder: nothing to warn about.
            } else if (endpoints.isEmpty()) {
                warnings.add(target.name() + ": no latency ladder, wrk measured no peak to base it on");
            } else {
                SeedReset.deleteCreatedProducts(postgres);
                List<Results.Ladder> measured = ladders(target, uri, endpoints, peaks);
                String down = down(process, uri);
                if (down != null) {
                    measured = measured.stream().map(ladder -> ladder.failedBecause(down)).toList();
                }
                measured.forEach(ladder -> out.println("    " + LadderVerdict.headline(ladder, options.sloMillis())));
                ladders.addAll(measured);
            }
            if (!target.servesCounter()) {
                progress.accept(target.name() + " · no WebSocket counter: no WebSocket runs", 0);
                continue;
            }
            progress.accept(target.name() + " · websocket " + options.websocketClients() + " clients", options.plannedSeconds(0));
            String down = down(process, uri);
            if (down != null) {
                // Nothing to measure on a dead server: say so per client count instead of timing out on each.
                warnings.add(target.name() + ": " + down);
                options.websocketClients().forEach(clients ->
                        websockets.add(Results.WebSocketRun.notMeasured(target.name(), clients, Options.rampSeconds(clients), down)));
                continue;
            }
            List<Results.WebSocketRun> runs = websockets(target, uri, process);
            runs.forEach(run -> out.println("    " + run.clients() + " clients: " + (run.failed() ? "FAILED " + run.problems()
                    : run.deliveryAllMicros() == null ? "no broadcast rounds"
                    : String.format(Locale.ROOT, "broadcast to all p99 %.1f ms", run.deliveryAllMicros().p99() / 1000))));
            websockets.addAll(runs);
        }
        return new Results.Latency(options.settings(), ladders, websockets);
    }

    /** Why the target no longer serves, or null if it answers /time within 10 s. */
    private static String down(JarProcess process, URI uri) {
        if (process != null && !process.isAlive()) {
            return "the server exited during the latency ladder" + (process.ranOutOfMemory() ? " (OutOfMemoryError)" : "") + "; see "
                    + process.log();
        }
        if (JarProcess.answersWithin(uri, Duration.ofSeconds(10))) {
            return null;
        }
        return "the server stopped answering GET /time after the latency ladder"
                + (process != null && process.ranOutOfMemory() ? " (its log shows OutOfMemoryError)" : "")
                + (process != null ? "; see " + process.log() : "");
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
            endpoints.add(Results.Ladder.MIXED);
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
        allPeaks.put(Results.Ladder.MIXED, LadderPlan.mixedPeak(peaks));
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
        // Gatling puts the base URL and the request's path together as they are: the base must not end in a slash.
        LadderPlan plan = new LadderPlan(uri.toString().replaceFirst("/$", ""), options.warmupSeconds(), options.stepSeconds(), REQUEST_TIMEOUT_MILLIS, steps);
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

    List<Results.WebSocketRun> websockets(Target target, URI uri, JarProcess process) {
        List<Results.WebSocketRun> runs = new ArrayList<>();
        for (int clients : options.websocketClients()) {
            runs.add(websocket(target, uri, process, clients));
        }
        return runs;
    }

    private Results.WebSocketRun websocket(Target target, URI uri, JarProcess process, int clients) {
        int ramp = Options.rampSeconds(clients);
        Path dir = runDir.resolve("gatling").resolve(target.name());
        mkdirs(dir);
        Path planFile = dir.resolve("counter-" + clients + "-plan.json");
        List<String> problems = new ArrayList<>();
        GatlingRunner.Run run = null;
        if (options.websocketGatling()) {
            new CounterPlan("ws://" + uri.getHost() + ":" + uri.getPort(), clients, ramp, ramp + 10, 1).write(planFile);
            run = gatling.run(CounterSimulation.class, Map.of("webbench.plan", planFile.toString()), dir.resolve("counter-" + clients),
                    Duration.ofSeconds(120 + 3L * ramp));
        }
        if (run == null) {
            // The smoke run: the probe alone connects, counts and times the broadcasts.
        } else if (run.problem() != null) {
            problems.add(run.problem());
        } else if (!run.assertionsPassed()) {
            problems.add("Gatling's checks failed: " + run.assertions().stream().filter(a -> !a.passed()).map(GatlingReport.Assertion::text).toList()
                    + "; see " + runDir.relativize(run.log()));
        }
        GatlingReport.Row all = run == null ? null : run.row("All Requests");
        GatlingReport.Row connect = run == null ? null : run.row(CounterSimulation.CONNECT);
        GatlingReport.Row seesAll = run == null ? null : run.row(CounterSimulation.SEES_ALL);

        CounterProbe probe = new CounterProbe(uri);
        Footprint before = Footprint.of(process);
        Footprint[] after = new Footprint[1];
        CounterProbe.Result result = probe.run(clients, Duration.ofSeconds(ramp), options.broadcastRounds(), () -> after[0] = Footprint.of(process));
        problems.addAll(result.problems());
        Results.Memory memory = after[0] == null ? null : memory(before, after[0], clients);

        problems.forEach(p -> warnings.add(target.name() + " · websocket " + clients + " clients: " + p));
        Results.GatlingFigures gatlingFigures = run == null ? Results.GatlingFigures.NONE : new Results.GatlingFigures(connect == null
                ? null : connect.percentiles(), seesAll == null ? null : seesAll.percentiles(), all == null ? null : all.ko(),
                run.assertionsPassed(), run.reportDir() == null ? null : runDir.relativize(run.reportDir().resolve("index.html")).toString());
        Results.ProbeFigures probeFigures = new Results.ProbeFigures(result.connectMicros(), result.firstCountMicros(), result.rounds(),
                result.deliveryEachMicros(), result.deliveryAllMicros(), result.sequenceViolations(), memory);
        return Results.WebSocketRun.of(target.name(), clients, ramp, problems, gatlingFigures, probeFigures);
    }

    /** The server's RSS and its heap after a full GC, in KiB; null each where not measurable (an external target, no jcmd). */
    private record Footprint(Long rssKib, Long heapKib) {
        static Footprint of(JarProcess process) {
            if (process == null) {
                return new Footprint(null, null);
            }
            long heap = heapAfterGc(process.pid());
            long rss = process.rssKib();
            return new Footprint(rss < 0 ? null : rss, heap < 0 ? null : heap);
        }
    }

    private static Results.Memory memory(Footprint before, Footprint after, int clients) {
        return new Results.Memory(before.rssKib(), after.rssKib(), before.heapKib(), after.heapKib(),
                perConnection(before.rssKib(), after.rssKib(), clients), perConnection(before.heapKib(), after.heapKib(), clients));
    }

    /** The growth per connection, to a tenth of a KiB; it may be negative (a collection between the two readings). */
    private static Double perConnection(Long before, Long after, int clients) {
        return before == null || after == null ? null : Math.round((after - before) / (double) clients * 10) / 10.0;
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
