package dev.webbench.bench.resilience;

import dev.webbench.bench.model.ResilienceResults.Fault;
import dev.webbench.bench.model.ResilienceResults.Hostile;
import dev.webbench.bench.model.ResilienceResults.Sample;
import dev.webbench.bench.model.ResilienceResults.Soak;
import dev.webbench.bench.model.ResilienceResults.TargetResult;
import dev.webbench.bench.target.ProcFs;
import dev.webbench.bench.target.Target;
import dev.webbench.conformance.JarProcess;
import dev.webbench.conformance.KitRun;
import dev.webbench.conformance.LoadGenerator;
import dev.webbench.conformance.NonReadingClient;
import dev.webbench.conformance.ServerUnderTest;
import dev.webbench.conformance.WebSocketFloodContract;
import dev.webbench.provision.Postgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./compare resilience} against one started target: the database drills, the kit's stuck reader among 100
 * counter clients, a soak that samples memory and threads, the kit's hostile groups, and SIGTERM under load last.
 * Where the kit has the procedure, the kit runs and asserts it and this records the figures; a failure is a figure
 * with its reason, not a log line.
 */
final class ResilienceDrills {
    /** The kit reads the server's memory from this process id when it only has the server's URL. */
    private static final String KIT_SERVER_PID = "kit.server.pid";

    private final Postgres postgres;
    private final DatabaseDrills database;

    ResilienceDrills(Postgres postgres) {
        this.postgres = postgres;
        this.database = new DatabaseDrills(postgres);
    }

    TargetResult run(Target target, JarProcess process, Duration soakDuration, Path hostileLog, PrintStream out) throws Exception {
        URI base = process.uri();
        // The kit's watches then bound the server's RSS too.
        System.setProperty(KIT_SERVER_PID, String.valueOf(process.pid()));
        List<Fault> faults = new ArrayList<>();
        out.printf("  %s · the kit's database faults under mixed load, with a write ledger%n", target.name());
        faults.addAll(database.faults(target, process, out));
        out.printf("  %s · stuck WebSocket reader among %d counter clients (the kit's)%n", target.name(), WebSocketFloodContract.CROWD);
        faults.add(stuckReader(base));
        out.printf("  %s · soak for %d s%n", target.name(), soakDuration.toSeconds());
        Soak soak = soak(base, process, soakDuration);
        out.printf("  %s · hostile clients: the kit's hostile groups (each case in %s)%n", target.name(), hostileLog);
        Hostile hostile = hostile(base, hostileLog);
        out.printf("  %s · %d hostile cases tried, %d failed%n", target.name(), hostile.tried(), hostile.failed());
        out.printf("  %s · SIGTERM under POST load%n", target.name());
        faults.add(database.shutdownUnderLoad(target.name(), process));
        return TargetResult.judged(target.name(), faults, soak, hostile);
    }

    private Hostile hostile(URI base, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        try (PrintStream cases = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            KitRun.Summary summary = KitRun.run(base, postgres, KitRun.Scope.HOSTILE, null, cases);
            return new Hostile(summary.tried(), summary.failed(), summary.skipped(), summary.failures());
        }
    }

    /** The kit's stuck reader: it asserts the contract's bounds; the bench keeps the slowest update the others saw. */
    private Fault stuckReader(URI base) {
        try {
            NonReadingClient.Figures figures = NonReadingClient.STUCK_READER.run(ServerUnderTest.remote(base, postgres));
            return new Fault("slow-consumer", figures.floodRounds() + figures.dropRounds(), Map.of(), 0,
                    (double) figures.slowestUpdate().toMillis(), null, true, figures.toString());
        } catch (AssertionError | RuntimeException e) {
            return new Fault("slow-consumer", 0, Map.of(), 1, null, null, false, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Mixed load (70% product-by-id, 20% brands, 10% create) while memory and threads are sampled every second. */
    private static Soak soak(URI base, JarProcess process, Duration duration) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        List<LoadGenerator.Outcome> outcomes;
        long started = System.nanoTime();
        try (LoadGenerator load = new LoadGenerator(8, i -> switch (i % 10) {
            case 0 -> HttpRequest.newBuilder(base.resolve("/product")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"soak-" + i + "\",\"brand_id\":" + (1 + i % 100) + "}")).build();
            case 1, 2 -> LoadGenerator.get(base, "/brands");
            default -> LoadGenerator.get(base, "/products/" + (1 + (i * 7919) % 1000));
        })) {
            while (System.nanoTime() - started < duration.toNanos()) {
                samples.add(new Sample((System.nanoTime() - started) / 1e9, process.rssKib(), ProcFs.threads(process.pid())));
                JarProcess.sleep(1000);
            }
            load.close();
            outcomes = load.outcomes();
        }
        samples.add(new Sample((System.nanoTime() - started) / 1e9, process.rssKib(), ProcFs.threads(process.pid())));
        double slope = slopePerMinute(samples);
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        // A leak shows as growth that does not level off: the last third well above the first, and still climbing.
        int third = Math.max(1, samples.size() / 3);
        double early = samples.subList(0, third).stream().mapToLong(Sample::rssKib).average().orElse(0);
        double late = samples.subList(samples.size() - third, samples.size()).stream().mapToLong(Sample::rssKib).average().orElse(0);
        boolean leak = samples.size() >= 30 && late > early * 1.25 && slope > 0;
        return new Soak((System.nanoTime() - started) / 1e9, outcomes.size(), statuses(outcomes), first.rssKib(),
                last.rssKib(), samples.stream().mapToLong(Sample::rssKib).max().orElse(-1), first.threads(), last.threads(),
                samples.stream().mapToInt(Sample::threads).max().orElse(-1), slope, leak, samples);
    }

    private static Map<Integer, Long> statuses(List<LoadGenerator.Outcome> outcomes) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
        return counts;
    }

    /** Least-squares slope of RSS over time, in KiB per minute. */
    static double slopePerMinute(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double meanX = samples.stream().mapToDouble(Sample::atSeconds).average().orElse(0);
        double meanY = samples.stream().mapToDouble(Sample::rssKib).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (Sample s : samples) {
            covariance += (s.atSeconds() - meanX) * (s.rssKib() - meanY);
            variance += (s.atSeconds() - meanX) * (s.atSeconds() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 60;
    }
}
