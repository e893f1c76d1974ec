package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract point 5: routing errors are JSON too. */
@DisplayName("Errors")
public interface ErrorContract extends KitTarget {

    @Test
    @DisplayName("5. An unknown path answers 404 with a JSON error")
    default void req5_unknownPath_is404() {
        for (String path : List.of("/nope", "/brands/1", "/products", "/products/1/extra", "/productx", "/time/now")) {
            assertJsonError(Http.get(base(), path), 404, "GET " + path);
        }
    }

    @Test
    @DisplayName("5. A wrong method on a known path answers 405 with Allow and a JSON error")
    default void req5_wrongMethod_is405WithAllow() {
        record Case(String method, String path, String allowed) {
        }
        for (Case c : List.of(
                new Case("DELETE", "/brands", "GET"), new Case("POST", "/brands", "GET"),
                new Case("PUT", "/time", "GET"), new Case("GET", "/product", "POST"),
                new Case("PUT", "/product", "POST"), new Case("DELETE", "/products/1", "GET"),
                new Case("POST", "/products/1", "GET"))) {
            Http.Reply reply = Http.send(base(), c.method(), c.path(), (byte[]) null, null);
            String what = c.method() + " " + c.path();
            assertJsonError(reply, 405, what);
            String allow = reply.header("Allow").orElseThrow(() -> new AssertionError(what + " -> 405 without Allow"));
            assertThat(List.of(allow.toUpperCase(Locale.ROOT).split("\\s*,\\s*"))).as(what + " -> Allow").contains(c.allowed())
                    .doesNotContain(c.method());
        }
    }
}
