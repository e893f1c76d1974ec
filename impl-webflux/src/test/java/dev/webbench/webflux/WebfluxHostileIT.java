package dev.webbench.webflux;

import dev.webbench.conformance.HostileKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-webflux, hostile clients (own JVM, -Xmx512m)")
class WebfluxHostileIT implements HostileKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.childJvm(WebfluxApp.NAME);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
