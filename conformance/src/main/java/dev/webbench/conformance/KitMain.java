package dev.webbench.conformance;

import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

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
                    server's database to also check what it writes; the SIGTERM checks need a server the kit
                    starts itself, so they are skipped here. The database-fault group (DatabaseFaultContract:
                    restarts, killed sessions, a frozen, read-only or full database, with a write ledger) is not
                    run against a URL at all: it starts the server's runnable jar over a PostgreSQL it controls,
                    so it runs in ./mvnw verify (each implementation's *FaultIT). -Dkit.check runs one check
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
        out.println("Checking " + base + " against the contract" + (database == null ? " (no database access)" : ""));
        out.println("Not run against a URL: the database-fault group (it starts the server's jar over a PostgreSQL it controls;"
                + " ./mvnw verify runs it as each implementation's *FaultIT)");
        KitRun.Summary summary = KitRun.run(base, database, KitRun.Scope.ALL, onlyCheck, out);
        out.printf("%d passed, %d failed, %d skipped%n", summary.passed(), summary.failed(), summary.skipped());
        return summary.failed();
    }
}
