package dev.webbench.servlet;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import org.eclipse.jetty.server.Server;

/** {@code java -jar impl-servlet.jar}: configuration from the environment, then {@link ServletApp#newServer}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.fromEnvOrExit(ServletApp.NAME, DatabaseBudget::refusePipelining);
        Server server = ServletApp.newServer(config);
        server.start();
        server.join();
    }
}
