package dev.webbench.vertx;

import dev.webbench.config.AppConfig;
import dev.webbench.config.DatabaseBudget;
import dev.webbench.conformance.DatabaseFaultContract;
import dev.webbench.conformance.FaultServer;
import dev.webbench.conformance.FaultTarget.PoolShape;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault group against {@link VertxApp}. Its {@code DB_POOL_SIZE} ({@link FaultServer#POOL_SIZE}) is the process's
 * connections in all, split over its event loops ({@link VertxApp#EVENT_LOOPS}, one per core, in the child JVM as
 * here; raised to one per event loop on more cores than that), and its client pipelines up to
 * {@link Database#DEFAULT_PIPELINING} statements on a connection before a pool opens the next: the pool is whole at
 * that many sessions, and it takes sessions x DEFAULT_PIPELINING concurrent slow requests to put every one to work.
 */
@DisplayName("impl-vertx, event loops, database faults (own JVM, DB_POOL_SIZE 4 in all, DB_TIMEOUT_MS 1000)")
class VertxFaultIT implements DatabaseFaultContract {
    private static final DatabaseBudget BUDGET = Database.budget(
            AppConfig.fromEnv(Map.of("DB_POOL_SIZE", String.valueOf(FaultServer.POOL_SIZE))), VertxApp.EVENT_LOOPS);

    @RegisterExtension
    static final FaultServer SERVER = FaultServer.childJvm(VertxApp.NAME, null, PoolShape.pipelined(BUDGET.connections(), BUDGET.pipelining()));

    @Override
    public FaultServer faultServer() {
        return SERVER;
    }
}
