package dev.webbench.servlet;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.ContractKit;
import dev.webbench.conformance.ServerUnderTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-servlet, virtual threads")
class ServletVirtualConformanceIT implements ContractKit {
    @RegisterExtension
    static final ServerUnderTest SERVER = ServerUnderTest.inProcess(ServletApp.NAME, ThreadModel.VIRTUAL, ServletConformance::start);

    @Override
    public ServerUnderTest server() {
        return SERVER;
    }
}
