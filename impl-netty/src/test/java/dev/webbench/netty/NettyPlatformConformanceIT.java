package dev.webbench.netty;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.ContractKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-netty, platform threads")
class NettyPlatformConformanceIT implements ContractKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.inProcess(NettyServer.NAME, ThreadModel.PLATFORM, NettyConformance::start);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
