package dev.webbench.servlet;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.ContractKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-servlet, platform threads")
class ServletPlatformConformanceIT implements ContractKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.inProcess(ServletApp.NAME, ThreadModel.PLATFORM, ServletConformance::start);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
