package dev.webbench.vertx;

import dev.webbench.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar impl-vertx.jar}: configuration from the environment, then {@link VertxApp#start}. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvOrExit(VertxApp.NAME);
        VertxApp app;
        try {
            app = VertxApp.start(config).await();
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", VertxApp.NAME, e);
            System.exit(1);
            return;
        }
        // SIGTERM: in-flight requests finish, WebSockets close with 1001, pools close, then the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, VertxApp.NAME + "-shutdown"));
    }
}
