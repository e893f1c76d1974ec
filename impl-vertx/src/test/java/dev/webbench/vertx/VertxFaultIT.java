package dev.webbench.vertx;

import dev.webbench.conformance.DatabaseFaultContract;
import dev.webbench.conformance.FaultServer;
import dev.webbench.conformance.FaultTarget.PoolShape;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault group against {@link VertxApp}. Its {@code DB_POOL_SIZE} is per event loop ({@link VertxApp#EVENT_LOOPS},
 * one per core, in the child JVM as here), and its client pipelines up to {@link Database#PIPELINING_LIMIT}
 * statements on a connection before the pool opens the next: the pool is whole when 4 x EVENT_LOOPS sessions exist,
 * and it takes 4 x EVENT_LOOPS x PIPELINING_LIMIT concurrent slow requests to put every one of them to work.
 */
@DisplayName("impl-vertx, event loops, database faults (own JVM, DB_POOL_SIZE 4 per event loop, DB_TIMEOUT_MS 1000)")
class VertxFaultIT implements DatabaseFaultContract {
    @RegisterExtension
    static final FaultServer SERVER = FaultServer.childJvm(VertxApp.NAME, null,
            PoolShape.pipelined(FaultServer.POOL_SIZE, VertxApp.EVENT_LOOPS, Database.PIPELINING_LIMIT));

    @Override
    public FaultServer faultServer() {
        return SERVER;
    }
}
