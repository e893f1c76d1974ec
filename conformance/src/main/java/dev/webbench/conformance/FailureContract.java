package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.provision.Postgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract point 9, first half: the database goes away under a running server and comes back. */
@DisplayName("Database failure")
public interface FailureContract extends KitTarget {
    Duration RECOVERY_BOUND = Duration.ofSeconds(20);

    @Test
    @DisplayName("9. With the database stopped, requests answer 503 JSON fast; /time still works; service recovers by itself")
    default void req9_databaseDown_is503Fast_thenRecovers() {
        Postgres db = database();
        Assumptions.assumeTrue(db.restartable(), "the " + db.provider() + " database cannot be stopped and started by the kit");
        assertThat(Http.get(base(), "/brands").status()).as("healthy before the fault").isEqualTo(200);
        Duration bound = server().unavailableBound();
        db.stop();
        try {
            // Twice each: the first may meet a pooled connection that just died, the second must wait for a new one.
            for (int attempt = 1; attempt <= 2; attempt++) {
                for (String[] request : List.of(new String[] {"GET", "/brands"}, new String[] {"GET", "/products/1"},
                        new String[] {"POST", "/product"})) {
                    String body = request[0].equals("POST") ? "{\"product_name\":\"during outage\",\"brand_id\":1}" : null;
                    Http.Reply reply = Http.send(base(), request[0], request[1], body, body == null ? null : "application/json");
                    String what = request[0] + " " + request[1] + " with the database down (attempt " + attempt + ")";
                    assertJsonError(reply, 503, what);
                    assertThat(reply.elapsed()).as(what + " answered within the configured bound").isLessThan(bound);
                }
            }
            assertThat(Http.get(base(), "/time").status()).as("/time does not need the database").isEqualTo(200);
        } finally {
            db.start();
        }
        long started = System.nanoTime();
        Duration recovered = null;
        while (recovered == null) {
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).as("service back within the bound after the database returned").isLessThan(RECOVERY_BOUND);
            if (Http.get(base(), "/brands").status() == 200) {
                recovered = waited;
            } else {
                JarProcess.sleep(50);
            }
        }
        System.out.printf("[kit] %s recovered %d ms after the database returned%n",
                server().name().orElse(base().toString()), recovered.toMillis());
        assertThat(Http.get(base(), "/products/1").status()).isEqualTo(200);
        assertThat(Http.post(base(), "/product", "{\"product_name\":\"after outage\",\"brand_id\":1}", "application/json").status())
                .isEqualTo(201);
    }
}
