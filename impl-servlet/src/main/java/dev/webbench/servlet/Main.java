package dev.webbench.servlet;

import dev.webbench.config.AppConfig;
import org.eclipse.jetty.server.Server;

/** {@code java -jar impl-servlet.jar}: configuration from the environment, then {@link ServletApp#newServer}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        AppConfig config;
        try {
            config = AppConfig.fromEnv();
        } catch (IllegalArgumentException e) {
            System.err.println("impl-servlet: " + e.getMessage());
            System.exit(2);
            return;
        }
        Server server = ServletApp.newServer(config);
        server.start();
        server.join();
    }
}
