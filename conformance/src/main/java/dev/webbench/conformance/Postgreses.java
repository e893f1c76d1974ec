package dev.webbench.conformance;

import dev.webbench.provision.ControllablePostgres;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One provisioned, seeded PostgreSQL per test JVM, shared by every kit class and closed at the end. */
final class Postgreses {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Postgreses.class);

    private Postgreses() {
    }

    static Postgres shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("postgres", key -> {
                    Postgres postgres = PostgresProvisioner.fromEnvironment();
                    PostgresProvisioner.seed(postgres);
                    return postgres;
                }, Postgres.class);
    }

    /**
     * A seeded PostgreSQL the kit can stop, freeze and reconfigure, for the fault group: the shared one when it is
     * embedded, otherwise (an external server, or a container, which comes back on another port) one of the kit's
     * own, shared by the fault classes of this JVM and closed at its end. Never a skip.
     */
    static ControllablePostgres controllable(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Postgres shared = store.get("postgres", Postgres.class);
        if (shared == null && PostgresProvisioner.choosesEmbedded(System.getenv())) {
            shared = shared(context);
        }
        if (shared instanceof ControllablePostgres own) {
            return own;
        }
        return store.computeIfAbsent("controllable", key -> {
            ControllablePostgres postgres = PostgresProvisioner.embedded();
            PostgresProvisioner.seed(postgres);
            return postgres;
        }, ControllablePostgres.class);
    }
}
