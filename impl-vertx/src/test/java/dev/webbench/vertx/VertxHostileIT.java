package dev.webbench.vertx;

import dev.webbench.conformance.HostileKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-vertx, event loops, hostile clients (own JVM, -Xmx512m)")
class VertxHostileIT implements HostileKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.childJvm(VertxApp.NAME);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
