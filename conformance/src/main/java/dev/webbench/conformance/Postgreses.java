package dev.webbench.conformance;

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
}
