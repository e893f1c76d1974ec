package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.provision.Postgres;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract point 9, second half, on the real runnable jar in a child JVM. */
@DisplayName("Runnable jar and shutdown")
public interface ShutdownContract extends KitTarget {
    Duration EXIT_BOUND = Duration.ofSeconds(15);

    @Test
    @DisplayName("9. SIGTERM: the in-flight request finishes, WebSockets close with 1001, the process exits")
    default void req9_sigterm_isGraceful() throws Exception {
        Path jar = runnableJar();
        Postgres db = database();
        Map<String, String> env = server().threadModel().map(m -> Map.of("THREAD_MODEL", m.label(), "DB_TIMEOUT_MS", "5000"))
                .orElse(Map.of("DB_TIMEOUT_MS", "5000"));
        try (JarProcess process = JarProcess.start(jar, db.settings(), env);
             Connection locker = db.connect()) {
            // The README's curl command, against the jar as a user starts it.
            Http.Reply curl = Http.post(process.uri(), "/product", "{\"product_name\":\"product_name\", \"brand_id\":1}",
                    CreateContract.FORM);
            assertThat(curl.status()).as("curl command against the jar (%s)", curl).isEqualTo(201);

            CounterClient socket = CounterClient.connect(process.uri());
            socket.nextCount(Duration.ofSeconds(3));

            // Hold the product table so that one POST stays in flight while SIGTERM arrives.
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE product IN ACCESS EXCLUSIVE MODE");
            }
            String name = "in-flight-" + UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(process.uri().resolve("/product")).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"" + name + "\",\"brand_id\":2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JarProcess.sleep(500);
            assertThat(inFlight).as("the POST waits on the lock").isNotDone();

            process.terminate();
            JarProcess.sleep(500);
            locker.rollback();

            HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("in-flight POST after SIGTERM (%s)", response.body()).isEqualTo(201);
            assertThat(Checks.count(db, "SELECT count(*) FROM product WHERE product_name = ?", name)).as("its row").isEqualTo(1);
            assertThat(socket.awaitCloseCode(Duration.ofSeconds(10))).as("WebSocket close code").isEqualTo(1001);

            int exit = process.awaitExit(EXIT_BOUND);
            assertThat(exit).as("exit code after SIGTERM (0, or 143 for 128+SIGTERM); output:\n" + process.output()).isIn(0, 143);
        }
    }

    private Path runnableJar() {
        var declared = server().declaredJar();
        Assumptions.assumeTrue(declared.isPresent(), "no runnable jar given (system property kit.jar)");
        return server().runnableJar().orElseThrow(() -> new AssertionError(
                "the runnable jar " + declared.get() + " does not exist: run the kit after 'package' (failsafe does)"));
    }
}
