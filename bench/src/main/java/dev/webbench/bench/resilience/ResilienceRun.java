package dev.webbench.bench.resilience;

import dev.webbench.bench.model.ResilienceResults;
import dev.webbench.bench.target.SeedReset;
import dev.webbench.bench.target.Target;
import dev.webbench.conformance.JarProcess;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every target, one at a time, through the drills on a freshly started server and a seeded PostgreSQL. */
public final class ResilienceRun {
    private final List<Target> targets;
    private final Duration soak;
    private final Path runDir;
    private final PrintStream out;

    public ResilienceRun(List<Target> targets, Duration soak, Path runDir, PrintStream out) {
        this.targets = targets;
        this.soak = soak;
        this.runDir = runDir;
        this.out = out;
    }

    public ResilienceResults execute() throws Exception {
        String startedAt = Instant.now().toString();
        List<ResilienceResults.TargetResult> results = new ArrayList<>();
        String provider;
        Path logs = runDir.resolve("logs");
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            provider = postgres.provider();
            PostgresProvisioner.seed(postgres);
            ResilienceDrills drills = new ResilienceDrills(postgres);
            int index = 0;
            for (Target target : targets) {
                out.printf("[%d/%d] %s%n", ++index, targets.size(), target.name());
                try (JarProcess process = JarProcess.start(target.launch(null, logs.resolve(target.name() + ".log")), postgres.settings())) {
                    results.add(drills.run(target, process, soak, logs.resolve(target.name() + "-hostile.txt"), out));
                }
                SeedReset.deleteCreatedProducts(postgres);
            }
        }
        boolean failed = results.stream().anyMatch(r -> !r.passed());
        return new ResilienceResults(ResilienceResults.SCHEMA_VERSION, startedAt, Instant.now().toString(), failed, provider,
                (int) soak.toSeconds(), results);
    }
}
