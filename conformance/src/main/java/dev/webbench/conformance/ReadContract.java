package dev.webbench.conformance;

import static dev.webbench.conformance.Checks.assertJsonContentType;
import static dev.webbench.conformance.Checks.assertJsonError;
import static dev.webbench.conformance.Checks.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract points 1-3: the read endpoints. */
@DisplayName("Reads")
public interface ReadContract extends KitTarget {

    @Test
    @DisplayName("1. GET /time answers 200 JSON {month, day, time} for today")
    default void req1_time_answersMonthDayAndTime() {
        Http.Reply reply = Http.get(base(), "/time");
        assertThat(reply.status()).as("status").isEqualTo(200);
        assertJsonContentType(reply.header("Content-Type").orElse(null));
        JsonNode json = reply.json();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("month", "day", "time");
        assertThat(json.get("month").isInt()).as("month is an int").isTrue();
        assertThat(json.get("day").isInt()).as("day is an int").isTrue();
        assertThat(json.get("time").asText()).matches("([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?");
        // Server-local date: allow one day either way for a server in another time zone.
        MonthDay answered = MonthDay.of(json.get("month").asInt(), json.get("day").asInt());
        LocalDate today = LocalDate.now();
        assertThat(List.of(MonthDay.from(today.minusDays(1)), MonthDay.from(today), MonthDay.from(today.plusDays(1))))
                .as("month/day is the current date").contains(answered);
    }

    @Test
    @DisplayName("2. GET /brands answers every brand row as {brand_id, brand_name}, in ascending brand_id")
    default void req2_brands_listsEveryRowInIdOrder() throws SQLException {
        Http.Reply reply = Http.get(base(), "/brands");
        assertThat(reply.status()).as("status").isEqualTo(200);
        assertJsonContentType(reply.header("Content-Type").orElse(null));
        JsonNode json = reply.json();
        assertThat(json.isArray()).as("body is an array").isTrue();
        List<String> answered = new ArrayList<>();
        int previousId = Integer.MIN_VALUE;
        for (JsonNode brand : json) {
            assertThat(fieldNames(brand)).containsExactlyInAnyOrder("brand_id", "brand_name");
            assertThat(brand.get("brand_id").isInt()).as("brand_id is an int: " + brand).isTrue();
            assertThat(brand.get("brand_name").isTextual()).as("brand_name is a string: " + brand).isTrue();
            assertThat(brand.get("brand_id").asInt()).as("ascending brand_id").isGreaterThan(previousId);
            previousId = brand.get("brand_id").asInt();
            answered.add(previousId + "=" + brand.get("brand_name").asText());
        }
        assertThat(answered).isNotEmpty();
        if (server().database().isPresent()) {
            List<String> rows = new ArrayList<>();
            try (Connection c = database().connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT brand_id, brand_name FROM brand ORDER BY brand_id")) {
                while (r.next()) {
                    rows.add(r.getInt(1) + "=" + r.getString(2));
                }
            }
            assertThat(answered).as("exactly the rows of table brand").isEqualTo(rows);
        }
    }

    @Test
    @DisplayName("3. GET /products/{id} answers the row as {product_id, product_name, brand_id}")
    default void req3_productById_answersTheRow() throws SQLException {
        Http.Reply reply = Http.get(base(), "/products/1");
        assertThat(reply.status()).as("status (%s)", reply).isEqualTo(200);
        assertJsonContentType(reply.header("Content-Type").orElse(null));
        JsonNode json = reply.json();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("product_id", "product_name", "brand_id");
        assertThat(json.get("product_id").isInt() && json.get("brand_id").isInt()).as("ids are ints: " + json).isTrue();
        assertThat(json.get("product_name").isTextual()).isTrue();
        assertThat(json.get("product_id").asInt()).isEqualTo(1);
        if (server().database().isPresent()) {
            try (Connection c = database().connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT product_name, brand_id FROM product WHERE product_id = 1")) {
                assertThat(r.next()).as("seed row 1 exists").isTrue();
                assertThat(json.get("product_name").asText()).isEqualTo(r.getString(1));
                assertThat(json.get("brand_id").asInt()).isEqualTo(r.getInt(2));
            }
        }
    }

    @Test
    @DisplayName("3. GET /products/{id} with an id that is not a base-10 int32 answers 400")
    default void req3_productById_notAnInt32_is400() {
        for (String id : List.of("abc", "1.5", "2147483648", "-2147483649", "1e3", "0x1F", "+1", "%20", "1%20", "%D9%A1", "99999999999999999999")) {
            assertJsonError(Http.get(base(), "/products/" + id), 400, "GET /products/" + id);
        }
    }

    @Test
    @DisplayName("3. GET /products/{id} with no such row answers 404")
    default void req3_productById_noRow_is404() {
        for (String id : List.of("2147483647", "0", "-1")) {
            assertJsonError(Http.get(base(), "/products/" + id), 404, "GET /products/" + id);
        }
    }
}
