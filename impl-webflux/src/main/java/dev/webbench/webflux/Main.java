package dev.webbench.webflux;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;

/** {@code java -jar impl-webflux.jar}: configuration from the environment, then {@link WebfluxApp#start}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvOrExit(WebfluxApp.NAME, DatabaseBudget::refusePipelining);
        // Reactor Netty's server keeps the JVM alive; Spring's shutdown hook handles SIGTERM.
        WebfluxApp.start(config);
    }
}
