package dev.webbench.netty;

import dev.webbench.config.AppConfig;
import dev.webbench.conformance.ServerUnderTest;
import java.net.URI;

/** Boots {@link NettyServer#start} for the kit and stops it afterwards. */
final class NettyConformance {
    private NettyConformance() {
    }

    static ServerUnderTest.Running start(AppConfig config) throws Exception {
        NettyServer server = NettyServer.start(config);
        return new ServerUnderTest.Running() {
            @Override
            public URI uri() {
                return server.uri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
