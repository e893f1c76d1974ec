package dev.webbench.servlet;

import dev.webbench.config.ThreadModel;
import dev.webbench.conformance.DatabaseFaultContract;
import dev.webbench.conformance.FaultServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-servlet, platform threads, database faults (own JVM, DB_POOL_SIZE 4, DB_TIMEOUT_MS 1000)")
class ServletPlatformFaultIT implements DatabaseFaultContract {
    @RegisterExtension
    static final FaultServer SERVER = FaultServer.childJvm(ServletApp.NAME, ThreadModel.PLATFORM);

    @Override
    public FaultServer faultServer() {
        return SERVER;
    }
}
