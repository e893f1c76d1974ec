package dev.webbench.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.webbench.provision.Postgres;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The kit run against a server given by URL, outside a build: {@link KitMain} prints it, and
 * {@code ./compare resilience} records what it found for each target. One PASS/FAIL/SKIP line per check.
 */
public final class KitRun {
    /** What a run found: counts, and each failed check with the first lines of its reason. */
    public record Summary(int passed, int failed, int skipped, List<String> failures) {
        public int tried() {
            return passed + failed + skipped;
        }
    }

    /** Which checks to run. */
    public enum Scope {
        /** The whole contract, hostile groups included. */
        ALL(RemoteKit.class),
        /** Only the hostile groups of {@link HostileKit}. */
        HOSTILE(RemoteHostileKit.class);

        private final Class<?> kit;

        Scope(Class<?> kit) {
            this.kit = kit;
        }
    }

    private KitRun() {
    }

    /**
     * Runs the checks of {@code scope} (or the one named {@code onlyCheck}, a method name) against {@code base};
     * {@code database}, when known, is the server's, for the checks on what was written.
     */
    public static Summary run(URI base, Postgres database, Scope scope, String onlyCheck, PrintStream out) {
        RemoteKit.target = ServerUnderTest.remote(base, database);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        DiscoverySelector selector = onlyCheck == null || onlyCheck.isBlank() ? selectClass(scope.kit) : selectMethod(scope.kit, onlyCheck);
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    return;
                }
                switch (result.getStatus()) {
                    case SUCCESSFUL -> {
                        passed.incrementAndGet();
                        out.println("PASS  " + test.getDisplayName());
                    }
                    case ABORTED -> {
                        skipped.incrementAndGet();
                        out.println("SKIP  " + test.getDisplayName() + reason(result));
                    }
                    case FAILED -> {
                        failures.add(test.getDisplayName() + ":" + reason(result));
                        out.println("FAIL  " + test.getDisplayName() + reason(result));
                    }
                }
            }
        });
        return new Summary(passed.get(), failures.size(), skipped.get(), List.copyOf(failures));
    }

    private static String reason(TestExecutionResult result) {
        // The first lines say what failed; a whole HTML error page would drown the report.
        return result.getThrowable().map(t -> String.valueOf(t.getMessage()).strip().lines().limit(4)
                .collect(Collectors.joining("\n      ", "\n      ", ""))).orElse("");
    }
}
