package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonError;
import static dev.webbench.conformance.Checks.productCount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webbench.provision.Postgres;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contract point 10: hostile HTTP. Each check sends something a careless server mishandles, expects
 * the documented 4xx, and then proves the server still serves others.
 */
@DisplayName("Hostile input")
public interface HostileInputContract extends KitTarget {
    @Test
    @DisplayName("10. Headers over 8 KiB answer 431, and the server keeps serving")
    default void req10_oversizedHeaders_are431() {
        String big = "X-Filler: " + "a".repeat(20 * 1024);
        assertThat(rawStatus(RawHttp.request("GET", base(), "/time", big))).as("20 KiB header").isEqualTo(431);
        assertStillServing();
    }

    @Test
    @DisplayName("10. A request line over 8 KiB answers 414, and the server keeps serving")
    default void req10_overlongUri_is414() {
        assertThat(rawStatus(RawHttp.request("GET", base(), "/products/" + "1".repeat(20 * 1024)))).as("20 KiB URI").isEqualTo(414);
        assertStillServing();
    }

    @Test
    @DisplayName("10. A malformed request line answers 400, and the server keeps serving")
    default void req10_malformedRequestLine_is400() {
        assertThat(rawStatus("THIS IS NOT HTTP\r\n\r\n")).as("garbage request line").isEqualTo(400);
        assertThat(rawStatus("GET /time HTTP/1.1 extra\r\nHost: x\r\n\r\n")).as("four-part request line").isEqualTo(400);
        assertStillServing();
    }

    @Test
    @DisplayName("10. Content-Length together with Transfer-Encoding (request smuggling) is refused and writes nothing")
    default void req10_contentLengthWithTransferEncoding_isRefused() {
        Postgres db = database();
        long before = productCount(db);
        String body = "{\"product_name\":\"smuggled\",\"brand_id\":1}";
        String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        String request = RawHttp.request("POST", base(), "/product", "Content-Type: application/json",
                "Content-Length: " + chunked.length(), "Transfer-Encoding: chunked", "Connection: close") + chunked;
        assertThat(rawStatus(request)).as("CL + TE").isEqualTo(400);
        assertThat(productCount(db)).as("rows written").isEqualTo(before);
        assertStillServing();
    }

    @Test
    @DisplayName("10. Deeply nested JSON answers 400 without a stack overflow")
    default void req10_deeplyNestedJson_is400() {
        // Deep, yet under the 64 KiB body limit, so that it is the parser that has to cope.
        String nested = "[".repeat(30_000) + "]".repeat(30_000);
        assertJsonError(Http.post(base(), "/product", nested, "application/json"), 400, "30,000 nested arrays");
        String object = "{\"product_name\":".repeat(3_000) + "\"x\"" + "}".repeat(3_000);
        assertJsonError(Http.post(base(), "/product", object, "application/json"), 400, "3,000 nested objects");
        assertStillServing();
    }

    @Test
    @DisplayName("10. Huge numbers answer 400")
    default void req10_hugeNumbers_are400() {
        for (String number : new String[] {"1" + "0".repeat(1000), "1e400", "-1e400", "12345678901234567890"}) {
            assertJsonError(Http.post(base(), "/product", "{\"product_name\":\"x\",\"brand_id\":" + number + "}", "application/json"),
                    400, "brand_id " + Http.abbreviate(number));
        }
        assertStillServing();
    }

    @Test
    @DisplayName("10. A 10 MB body answers 413 without being buffered, and the server keeps serving")
    default void req10_tenMegabyteBody_is413() throws Exception {
        int size = 10 * 1024 * 1024;
        try (RawHttp raw = RawHttp.open(base())) {
            raw.send(RawHttp.request("POST", base(), "/product", "Content-Type: application/json", "Content-Length: " + size));
            // The server may answer and close before the body is sent; keep writing in the background regardless.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                try {
                    OutputStream out = raw.socket().getOutputStream();
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                    }
                    out.flush();
                } catch (IOException expected) {
                    // refused early: that is the point
                }
            });
            assertThat(raw.read().status()).as("10 MB body").isEqualTo(413);
            raw.close();
            writer.get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        assertStillServing();
    }

    private int rawStatus(String request) {
        try (RawHttp raw = RawHttp.open(base())) {
            return raw.send(request).read().status();
        }
    }

    private void assertStillServing() {
        assertThat(Http.get(base(), "/time").status()).as("still serving /time").isEqualTo(200);
        assertThat(Http.get(base(), "/products/1").status()).as("still serving /products/1").isEqualTo(200);
    }
}
