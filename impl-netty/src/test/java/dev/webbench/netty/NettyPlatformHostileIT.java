package dev.webbench.netty;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.HostileKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-netty, platform threads, hostile clients (own JVM, -Xmx512m)")
class NettyPlatformHostileIT implements HostileKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.childJvm(NettyServer.NAME, ThreadModel.PLATFORM);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
