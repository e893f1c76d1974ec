package dev.webbench.bench;

import dev.webbench.bench.model.ResilienceResults;
import dev.webbench.bench.report.RunReport;
import dev.webbench.bench.report.console.ResilienceTable;
import dev.webbench.bench.resilience.ResilienceRun;
import dev.webbench.bench.run.Preset;
import dev.webbench.bench.target.Targets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./compare resilience}: every target through the load-bearing faults and a soak, with figures. */
@Command(name = "resilience", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs each implementation through a database restart and a pool exhaustion under load, a stuck WebSocket "
                + "reader among 100 listeners, a soak that samples RSS and threads (a leak shows as growth), and the conformance "
                + "kit's hostile groups (protocol corpora, floods, slow clients; each case in logs/<target>-hostile.txt). Writes "
                + "reports/runs/<UTC time>-resilience/resilience.json. Exit status 1 when any target failed a drill.")
final class ResilienceCommand implements Callable<Integer> {

    @Option(names = "--quick", descriptionKey = "soak-quick")
    boolean quick;

    @Option(names = "--impl", split = ",", paramLabel = "NAME", description = "Implementations to run (default: every impl-* found).")
    List<String> implementations = new ArrayList<>();

    @Option(names = "--soak", paramLabel = "SECONDS", descriptionKey = "soak")
    Integer soakSeconds;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default reports/runs/<UTC time>-resilience).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Path root = Compare.repoRoot();
        Duration soak = Duration.ofSeconds(soakSeconds != null ? soakSeconds : Preset.of(quick).soakSeconds());
        Path runDir = out != null ? out.toAbsolutePath() : Compare.newRunFolder(root, "-resilience");
        Compare.mkdirs(runDir);
        ResilienceResults results = new ResilienceRun(Targets.implementations(root, implementations), soak, runDir, console).execute();
        results.write(runDir.resolve(ResilienceResults.FILE));
        ResilienceTable.print(results, console);
        console.println("Wrote " + runDir.resolve(ResilienceResults.FILE));
        RunReport.render(runDir).forEach(file -> console.println("Wrote " + file));
        return results.failed() ? 1 : 0;
    }
}
