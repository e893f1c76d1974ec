package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.webbench.provision.ControllablePostgres.ShutdownMode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contract point 9 under database faults, each under a mixed load of GETs and ledger POSTs ({@link DatabaseFaults}):
 * only the statuses the fault allows, every answer within 2 x {@code DB_TIMEOUT_MS} + 1.5 s, no POST lost,
 * duplicated, or written on an error, an acknowledgement lost only by a request in flight when the fault struck,
 * service clean again by itself, and the pool exactly whole afterwards ({@link PoolHealth}). An implementation's
 * fault kit is one class:
 *
 * <pre>{@code
 * class NettyPlatformFaultIT implements DatabaseFaultContract {
 *     @RegisterExtension
 *     static final FaultServer SERVER = FaultServer.childJvm(NettyServer.NAME, ThreadModel.PLATFORM);
 *
 *     public FaultServer faultServer() { return SERVER; }
 * }
 * }</pre>
 *
 * It needs the runnable jar and a database the kit controls, so it runs in the build, not against a URL.
 */
@DisplayName("Database faults under mixed load, with a write ledger")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public interface DatabaseFaultContract {
    FaultServer faultServer();

    @Test
    @Order(0)
    @DisplayName("9. Before any fault, the pool is whole: every pooled connection can be put to work, and there are no more")
    default void req9_poolWholeBeforeFaults() {
        PoolHealth.warmUp(faultServer().target());
        assertPoolWhole(faultServer().target(), "start (no fault yet)");
    }

    @Test
    @Order(1)
    @DisplayName("9. PostgreSQL fast shutdown and restart: 200/201 or a JSON 503 within the bound, nothing lost, recovery by itself, pool whole")
    default void req9_restartFast() {
        assertWithinRules(faults().restart(ShutdownMode.FAST));
    }

    @Test
    @Order(2)
    @DisplayName("9. PostgreSQL immediate shutdown (crash) and restart: the same")
    default void req9_restartImmediate() {
        assertWithinRules(faults().restart(ShutdownMode.IMMEDIATE));
    }

    @Test
    @Order(3)
    @DisplayName("9. The server's sessions killed every 200 ms for 2 s: the same")
    default void req9_backendKills() {
        assertWithinRules(faults().backendKills());
    }

    @Test
    @Order(4)
    @DisplayName("9. PostgreSQL frozen (SIGSTOP) for longer than the bound (2 x DB_TIMEOUT_MS + 2 s): the same")
    default void req9_frozenDatabase() {
        assertWithinRules(faults().freeze());
    }

    @Test
    @Order(5)
    @DisplayName("9. A read-only database (SQLSTATE 25006): POSTs get a JSON 503, not 500, and write nothing")
    default void req9_readOnlyDatabase() {
        assertWithinRules(faults().readOnly());
    }

    @Test
    @Order(6)
    @DisplayName("9. A full connection table (SQLSTATE 53300): 200/201 on live connections, otherwise a JSON 503, not 500")
    default void req9_fullConnectionTable() {
        assertWithinRules(faults().fullConnectionTable());
    }

    @Test
    @Order(7)
    @DisplayName("9. Inserts rejected by a CHECK constraint (23514) or an exhausted sequence (2200H): a JSON 500 and no row")
    default void req9_insertErrors() {
        assertWithinRules(faults().insertErrors());
    }

    @Test
    @Order(8)
    @DisplayName("9. A server started while PostgreSQL is down starts, answers JSON 503 meanwhile, and serves once it is up")
    default void req9_startWhileDatabaseDown() {
        FaultServer server = faultServer();
        FaultResult result = faults().startWhileDown(server.jar(), server.environment(), late -> assertPoolWhole(late, "start-while-down"));
        assertNoProblems(result);
    }

    private DatabaseFaults faults() {
        return new DatabaseFaults(faultServer().target());
    }

    /** The fault's own rules ({@link FaultResult#problems()}), then the pool exactly whole again. */
    private void assertWithinRules(FaultResult result) {
        assertNoProblems(result);
        assertPoolWhole(faultServer().target(), result.fault());
    }

    private static void assertNoProblems(FaultResult result) {
        System.out.println(result.line());
        List<String> problems = result.problems();
        if (!problems.isEmpty()) {
            fail(String.format("%s under %s: %d problems (the first %d; times from the fault's start):%n  %s", result.target(), result.fault(),
                    problems.size(), Math.min(problems.size(), 15), problems.stream().limit(15).collect(Collectors.joining("\n  "))));
        }
    }

    private static void assertPoolWhole(FaultTarget target, String after) {
        PoolHealth.Result pool = PoolHealth.check(target);
        System.out.println(pool.line(after));
        assertThat(pool.healthy()).as("pool after %s: %d of %d connections at work on %d slow GET /brands (a leak inside the pool leaves "
                + "fewer), answers %s (all 200 expected), %d sessions of %s afterwards (more: a leak outside the pool)", after,
                pool.mostWaiting(), pool.expectedConnections(), pool.requests(), pool.statuses(), pool.sessionsAfter(), target.applicationName())
                .isTrue();
    }
}
