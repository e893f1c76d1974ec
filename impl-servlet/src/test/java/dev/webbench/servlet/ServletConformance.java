package dev.webbench.servlet;

import dev.webbench.conformance.ServerUnderTest;
import org.eclipse.jetty.server.Server;

/** Boots {@link ServletApp#newServer} for the kit and stops it afterwards. */
final class ServletConformance {
    private ServletConformance() {
    }

    static ServerUnderTest.Running start(dev.webbench.config.AppConfig config) throws Exception {
        Server server = ServletApp.newServer(config);
        server.start();
        return new ServerUnderTest.Running() {
            @Override
            public java.net.URI uri() {
                return server.getURI();
            }

            @Override
            public void close() throws Exception {
                server.stop();
            }
        };
    }
}
