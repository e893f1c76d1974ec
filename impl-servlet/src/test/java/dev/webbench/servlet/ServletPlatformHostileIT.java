package dev.webbench.servlet;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.HostileKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-servlet, platform threads, hostile clients (own JVM, -Xmx512m)")
class ServletPlatformHostileIT implements HostileKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.childJvm(ServletApp.NAME, ThreadModel.PLATFORM);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
