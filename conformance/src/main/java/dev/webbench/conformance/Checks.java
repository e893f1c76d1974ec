package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webbench.provision.Postgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Assertions that several contract groups share. */
final class Checks {
    private Checks() {
    }

    /** {@code application/json}, with an optional UTF-8 charset (as TechEmpower's verifier accepts). */
    static void assertJsonContentType(String contentType) {
        assertThat(contentType).as("Content-Type").isNotNull();
        String normalized = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        assertThat(normalized).as("Content-Type").isIn("application/json", "application/json;charset=utf-8");
    }

    /** Contract point 5: the given status with body {@code {"error": "<non-blank message>"}} as JSON. */
    static void assertJsonError(Http.Reply reply, int status, String what) {
        assertThat(reply.status()).as(what + " -> status (body: " + Http.abbreviate(reply.body()) + ")").isEqualTo(status);
        assertJsonContentType(reply.header("Content-Type").orElse(null));
        JsonNode json = reply.json();
        assertThat(json.isObject()).as(what + " -> error body is an object: " + reply.body()).isTrue();
        assertThat(json.path("error").isTextual()).as(what + " -> has a string 'error': " + reply.body()).isTrue();
        assertThat(json.path("error").asText()).as(what + " -> error message").isNotBlank();
    }

    /** Whether {@code body} is the contract's error: a JSON object with a non-blank string {@code error}. */
    static boolean isJsonError(String body) {
        try {
            JsonNode json = Http.JSON.readTree(body);
            return json.isObject() && json.path("error").isTextual() && !json.path("error").asText().isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static long count(Postgres db, String sql, Object... parameters) {
        try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("database check failed: " + e.getMessage(), e);
        }
    }

    static long productCount(Postgres db) {
        return count(db, "SELECT count(*) FROM product");
    }
}
