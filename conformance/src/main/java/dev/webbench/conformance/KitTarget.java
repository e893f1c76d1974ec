package dev.webbench.conformance;

import dev.webbench.provision.Postgres;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;

/**
 * The one hook every contract interface needs: the server under test. An implementation's kit
 * class returns its {@link ServerUnderTest} extension here.
 */
public interface KitTarget {

    ServerUnderTest server();

    default URI base() {
        return server().baseUri();
    }

    /**
     * The server's database, for checks on what was (not) written. In-process runs always have
     * it; a black-box run against a URL has it when {@code PG*} points at the server's database,
     * and otherwise those checks are reported as aborted with this reason.
     */
    default Postgres database() {
        return server().database().orElseGet(() -> {
            Assumptions.abort("no database access: set PGHOST etc. to the server's database to run this check");
            return null;
        });
    }
}
