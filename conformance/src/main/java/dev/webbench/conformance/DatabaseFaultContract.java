package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webbench.provision.ControllablePostgres.ShutdownMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
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
    Set<Integer> GET_DURING_OUTAGE = Set.of(200, 503);
    Set<Integer> POST_DURING_OUTAGE = Set.of(201, 503);

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
        FaultResult result = faults().restart(ShutdownMode.FAST);
        assertOutage(result);
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(2)
    @DisplayName("9. PostgreSQL immediate shutdown (crash) and restart: the same")
    default void req9_restartImmediate() {
        FaultResult result = faults().restart(ShutdownMode.IMMEDIATE);
        assertOutage(result);
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(3)
    @DisplayName("9. The server's sessions killed every 200 ms for 1.6 s: the same")
    default void req9_backendKills() {
        FaultResult result = faults().backendKills();
        assertThat(result.sessionsKilled()).as("%s: server sessions (application_name %s) the kit killed", result.fault(),
                faultServer().target().applicationName()).isPositive();
        assertAnswers(result, GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> true);
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(4)
    @DisplayName("9. PostgreSQL frozen (SIGSTOP) for longer than the bound (2 x DB_TIMEOUT_MS + 2 s): the same")
    default void req9_frozenDatabase() {
        FaultResult result = faults().freeze();
        assertOutage(result);
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(5)
    @DisplayName("9. A read-only database (SQLSTATE 25006): POSTs get a JSON 503, not 500, and write nothing")
    default void req9_readOnlyDatabase() {
        FaultResult result = faults().readOnly();
        assertAnswers(result, GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> a.method().equals("POST") && a.status() == 503);
        assertThat(result.ledger().ambiguous()).as("%s: ambiguous POSTs (no commit can be lost here)", result.fault()).isEmpty();
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(6)
    @DisplayName("9. A full connection table (SQLSTATE 53300): 200/201 on live connections, otherwise a JSON 503, not 500")
    default void req9_fullConnectionTable() {
        FaultResult result = faults().fullConnectionTable();
        assertThat(result.sessionsKilled()).as("%s: server sessions the kit killed to take their slots", result.fault()).isPositive();
        assertAnswers(result, GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> a.status() == 503);
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(7)
    @DisplayName("9. Inserts rejected by a CHECK constraint (23514) or an exhausted sequence (2200H): a JSON 500 and no row")
    default void req9_insertErrors() {
        FaultResult result = faults().insertErrors();
        assertAnswers(result, Set.of(200), Set.of(201, 500), a -> a.method().equals("POST") && a.status() == 500);
        assertThat(result.answers()).as("%s: a POST of a name the constraint rejects answered otherwise than 500", result.fault())
                .filteredOn(a -> a.method().equals("POST") && a.target().contains("-reject-")).allSatisfy(a -> assertThat(a.status()).isEqualTo(500));
        assertThat(result.ledger().ambiguous()).as("%s: ambiguous POSTs (no commit can be lost here)", result.fault()).isEmpty();
        assertPoolWhole(faultServer().target(), result.fault());
    }

    @Test
    @Order(8)
    @DisplayName("9. A server started while PostgreSQL is down starts, answers JSON 503 meanwhile, and serves once it is up")
    default void req9_startWhileDatabaseDown() {
        FaultServer server = faultServer();
        FaultResult result = faults().startWhileDown(server.jar(), server.environment(), late -> assertPoolWhole(late, "start-while-down"));
        assertOutage(result);
    }

    private DatabaseFaults faults() {
        return new DatabaseFaults(faultServer().target());
    }

    /** An outage (restart, freeze, start while down): only 200/201 or 503, and the 503s were seen. */
    private static void assertOutage(FaultResult result) {
        assertAnswers(result, GET_DURING_OUTAGE, POST_DURING_OUTAGE, a -> a.status() == 503);
    }

    /**
     * The checks every fault shares. {@code allowedGet}/{@code allowedPost}: the statuses a GET/POST may get at any
     * time of the run; {@code sign}: an answer that shows the fault took effect, one of which must come meanwhile.
     */
    private static void assertAnswers(FaultResult result, Set<Integer> allowedGet, Set<Integer> allowedPost, Predicate<MixedLoad.Answer> sign) {
        System.out.println(result.line());
        long origin = result.faultStartNanos();
        List<String> problems = new ArrayList<>();
        result.answers().stream().filter(a -> !(a.method().equals("POST") ? allowedPost : allowedGet).contains(a.status()))
                .forEach(a -> problems.add("status not allowed (GET " + allowedGet + ", POST " + allowedPost + "): " + a.describe(origin)));
        result.slowerThanBound().forEach(a -> problems.add("slower than " + result.bound().toMillis() + " ms: " + a.describe(origin)));
        result.answers().stream().filter(a -> a.status() >= 400 && !isJsonError(a.body()))
                .forEach(a -> problems.add("an error that is not {\"error\": \"...\"} JSON: " + a.describe(origin)));
        result.ledger().violations().forEach(j -> problems.add("ledger: " + j.describe(origin)));
        result.ambiguousOutsideMoments().forEach(j -> problems.add("ledger: acknowledgement lost by a request in flight at no fault moment: "
                + j.describe(origin)));
        if (result.duringFault().stream().noneMatch(sign)) {
            problems.add("the fault was not seen: no answer during it showed it (statuses meanwhile "
                    + result.duringFault().stream().collect(Collectors.groupingBy(a -> a.method() + " " + a.status(), TreeMap::new,
                            Collectors.counting())) + ")");
        }
        if (result.recovery() == null) {
            problems.add("service not clean again (" + DatabaseFaults.CLEAN_STREAK + " answers 200/201 in a row) within "
                    + DatabaseFaults.RECOVERY_BOUND.toSeconds() + " s of the database serving again");
        }
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

    private static boolean isJsonError(String body) {
        try {
            JsonNode json = Http.JSON.readTree(body);
            return json.isObject() && json.path("error").isTextual() && !json.path("error").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
