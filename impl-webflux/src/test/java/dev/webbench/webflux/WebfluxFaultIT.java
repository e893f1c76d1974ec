package dev.webbench.webflux;

import dev.webbench.conformance.DatabaseFaultContract;
import dev.webbench.conformance.FaultServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("impl-webflux, database faults (own JVM, DB_POOL_SIZE 4, DB_TIMEOUT_MS 1000)")
class WebfluxFaultIT implements DatabaseFaultContract {
    @RegisterExtension
    static final FaultServer SERVER = FaultServer.childJvm(WebfluxApp.NAME, null);

    @Override
    public FaultServer faultServer() {
        return SERVER;
    }
}
