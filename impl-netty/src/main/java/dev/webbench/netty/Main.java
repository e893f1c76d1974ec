package dev.webbench.netty;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;

/** {@code java -jar impl-netty.jar}: configuration from the environment, then {@link NettyServer#start}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        AppConfig config = AppConfig.fromEnvOrExit(NettyServer.NAME, DatabaseBudget::refusePipelining);
        NettyServer server = NettyServer.start(config);
        // SIGTERM runs the hook: stop accepting, finish in-flight requests, close sockets and pool.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, NettyServer.NAME + "-shutdown"));
        server.join();
    }
}
