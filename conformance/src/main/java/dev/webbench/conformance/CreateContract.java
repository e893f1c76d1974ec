package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonContentType;
import static dev.webbench.conformance.Checks.assertJsonError;
import static dev.webbench.conformance.Checks.count;
import static dev.webbench.conformance.Checks.fieldNames;
import static dev.webbench.conformance.Checks.productCount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webbench.contract.Limits;
import dev.webbench.provision.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract point 4: {@code POST /product}, including everything it must refuse without writing. */
@DisplayName("Create")
public interface CreateContract extends KitTarget {
    Pattern LOCATION = Pattern.compile("/products/([0-9]+)");
    String FORM = "application/x-www-form-urlencoded";

    @Test
    @DisplayName("4. The README's curl command (form content type) answers 201 with Location and the product")
    default void req4_create_curlCommandAnswers201() {
        Postgres db = database();
        long before = productCount(db);
        Http.Reply reply = Http.post(base(), "/product", "{\"product_name\":\"product_name\", \"brand_id\":1}", FORM);
        assertThat(reply.status()).as("status (%s)", reply).isEqualTo(201);
        assertJsonContentType(reply.header("Content-Type").orElse(null));
        String location = reply.header("Location").orElseThrow(() -> new AssertionError("201 without Location"));
        Matcher match = LOCATION.matcher(URI.create(location).getPath());
        assertThat(match.matches()).as("Location is /products/{id}: " + location).isTrue();
        int id = Integer.parseInt(match.group(1));

        JsonNode created = reply.json();
        assertThat(fieldNames(created)).containsExactlyInAnyOrder("product_id", "product_name", "brand_id");
        assertThat(created.get("product_id").asInt()).isEqualTo(id);
        assertThat(created.get("product_name").asText()).isEqualTo("product_name");
        assertThat(created.get("brand_id").asInt()).isEqualTo(1);

        assertThat(Http.get(base(), "/products/" + id).json()).as("GET Location").isEqualTo(created);
        assertThat(productCount(db)).as("rows written").isEqualTo(before + 1);
        assertThat(count(db, "SELECT count(*) FROM product WHERE product_id = ? AND product_name = 'product_name' AND brand_id = 1", id)).isEqualTo(1);
    }

    @Test
    @DisplayName("4. Bad bodies answer 400 with a JSON error and write nothing")
    default void req4_create_badBodies_are400AndWriteNothing() {
        Postgres db = database();
        long before = productCount(db);
        List<String> bodies = List.of(
                "", "not json", "{", "{\"product_name\":", "[]", "[{\"product_name\":\"x\",\"brand_id\":1}]", "\"text\"", "42", "null", "{}",
                "{\"brand_id\":1}",
                "{\"product_name\":\"x\"}",
                "{\"product_name\":\"\",\"brand_id\":1}",
                "{\"product_name\":\"   \",\"brand_id\":1}",
                "{\"product_name\":7,\"brand_id\":1}",
                "{\"product_name\":null,\"brand_id\":1}",
                "{\"product_name\":\"x\",\"brand_id\":\"1\"}",
                "{\"product_name\":\"x\",\"brand_id\":1.5}",
                "{\"product_name\":\"x\",\"brand_id\":null}",
                "{\"product_name\":\"x\",\"brand_id\":true}",
                "{\"product_name\":\"x\",\"brand_id\":99999999999}",
                "{\"product_name\":\"x\",\"brand_id\":123456789012345678901234567890}",
                "{\"product_name\":\"x\",\"brand_id\":987654}",
                "{\"product_name\":\"x\",\"brand_id\":-1}",
                "{\"product_name\":\"nul\\u0000byte\",\"brand_id\":1}",
                "{\"product_name\":\"x\",\"brand_id\":1} trailing",
                "{\"product_name\":\"x\",\"brand_id\":1}{}");
        for (String body : bodies) {
            assertJsonError(Http.post(base(), "/product", body, "application/json"), 400, "POST /product " + body);
        }
        byte[] invalidUtf8 = "{\"product_name\":\"\u00ff\u00fe\",\"brand_id\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertJsonError(Http.send(base(), "POST", "/product", invalidUtf8, "application/json"), 400, "POST /product with invalid UTF-8");
        assertThat(productCount(db)).as("rows after %d refused bodies", bodies.size() + 1).isEqualTo(before);
    }

    @Test
    @DisplayName("4. A body over 64 KiB answers 413, by Content-Length or chunked, and writes nothing")
    default void req4_create_bodyOver64KiB_is413() {
        Postgres db = database();
        long before = productCount(db);
        String oversized = bodyOfExactly(Limits.MAX_BODY_BYTES + 1);
        assertJsonError(Http.post(base(), "/product", oversized, "application/json"), 413, "POST of " + oversized.length() + " bytes");

        try (RawHttp raw = RawHttp.open(base())) {
            StringBuilder chunked = new StringBuilder(RawHttp.request("POST", base(), "/product",
                    "Content-Type: application/json", "Transfer-Encoding: chunked", "Connection: close"));
            for (int offset = 0; offset < oversized.length(); offset += 8192) {
                String chunk = oversized.substring(offset, Math.min(oversized.length(), offset + 8192));
                chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            chunked.append("0\r\n\r\n");
            RawHttp.Response response = raw.send(chunked.toString()).read();
            assertThat(response.status()).as("chunked body over the limit").isEqualTo(413);
        }
        assertThat(productCount(db)).as("rows written").isEqualTo(before);
    }

    @Test
    @DisplayName("4. A body of exactly 64 KiB is accepted")
    default void req4_create_bodyAtTheLimit_isAccepted() {
        Http.Reply reply = Http.post(base(), "/product", bodyOfExactly(Limits.MAX_BODY_BYTES), "application/json");
        assertThat(reply.status()).as("status (%s)", reply).isEqualTo(201);
    }

    @Test
    @DisplayName("4. 200 concurrent POSTs give 201 each and 200 distinct rows")
    default void req4_create_200Concurrent_give200Rows() {
        Postgres db = database();
        String prefix = "concurrent-" + UUID.randomUUID() + "-";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            HttpRequest request = HttpRequest.newBuilder(base().resolve("/product")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"" + prefix + i + "\",\"brand_id\":" + (1 + i % 100) + "}"))
                    .build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> locations = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> future : responses) {
            HttpResponse<String> response = future.join();
            assertThat(response.statusCode()).as("status (%s)", response.body()).isEqualTo(201);
            locations.add(response.headers().firstValue("Location").orElse(""));
        }
        assertThat(locations).as("distinct Locations").hasSize(200);
        assertThat(count(db, "SELECT count(*) FROM product WHERE product_name LIKE ?", prefix + "%")).isEqualTo(200);
    }

    /** A valid product body padded to exactly {@code size} bytes. */
    static String bodyOfExactly(int size) {
        String head = "{\"product_name\":\"";
        String tail = "\",\"brand_id\":1}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }
}
