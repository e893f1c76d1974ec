package dev.webbench.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit black-box against any server that speaks the contract, printing one line per check:
 * <pre>./mvnw -q -pl conformance -am install -DskipTests     (once)
 * ./mvnw -q -pl conformance exec:java -Dbase.url=http://host:8080</pre>
 * With {@code PGHOST} (and the other {@code PG*}) pointing at that server's database, the checks
 * on what was written run too; without it they are reported as skipped, with the reason.
 */
public final class KitMain {
    private KitMain() {
    }

    public static void main(String[] args) {
        String url = System.getProperty("base.url", args.length > 0 ? args[0] : null);
        if (url == null || url.equals("--help") || url.equals("-h")) {
            System.out.println("""
                    Usage: ./mvnw -q -pl conformance exec:java -Dbase.url=http://HOST:PORT [-Dkit.check=METHOD]
                           (after ./mvnw -q -pl conformance -am install -DskipTests)
                       or: java -cp <kit classpath> dev.webbench.conformance.KitMain http://HOST:PORT

                    Checks a running server against the contract (conformance/CONTRACT.md) and prints
                    PASS, FAIL or SKIP per check. Set PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD to the
                    server's database to also check what it writes; the database-restart and SIGTERM checks
                    need a server the kit starts itself, so they are skipped here. -Dkit.check runs one check
                    only, by its method name (e.g. req10_protocolCorpus, the HTTP/1.1 protocol corpus).""");
            if (url == null) {
                throw new IllegalArgumentException("base.url is required");
            }
            return;
        }
        int failed = run(URI.create(url), System.getenv(), System.getProperty("kit.check"), System.out);
        if (failed > 0) {
            throw new IllegalStateException(failed + " contract check(s) failed against " + url);
        }
    }

    /** Runs every check against {@code base}; returns how many failed. */
    public static int run(URI base, Map<String, String> env, PrintStream out) {
        return run(base, env, null, out);
    }

    /** Runs the check named {@code onlyCheck} (a method name), or every check when it is null; returns how many failed. */
    public static int run(URI base, Map<String, String> env, String onlyCheck, PrintStream out) {
        String host = env.get("PGHOST");
        Postgres database = host == null || host.isBlank() ? null : PostgresProvisioner.external(env);
        RemoteKit.target = ServerUnderTest.remote(base, database);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        out.println("Checking " + base + " against the contract" + (database == null ? " (no database access)" : ""));
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(onlyCheck == null || onlyCheck.isBlank()
                        ? selectClass(RemoteKit.class) : selectMethod(RemoteKit.class, onlyCheck)).build(),
                new TestExecutionListener() {
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
                                failed.incrementAndGet();
                                out.println("FAIL  " + test.getDisplayName() + reason(result));
                            }
                        }
                    }
                });
        out.printf("%d passed, %d failed, %d skipped%n", passed.get(), failed.get(), skipped.get());
        return failed.get();
    }

    private static String reason(TestExecutionResult result) {
        // The first lines say what failed; a whole HTML error page would drown the report.
        return result.getThrowable().map(t -> String.valueOf(t.getMessage()).strip().lines().limit(4)
                .collect(java.util.stream.Collectors.joining("\n      ", "\n      ", ""))).orElse("");
    }
}
