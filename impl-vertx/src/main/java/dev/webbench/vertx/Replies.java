package dev.webbench.vertx;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/** Writes the contract's JSON responses; every error is {@code {"error": "..."}}. */
final class Replies {
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private Replies() {
    }

    /** Any Vert.x JSON value (JsonObject, JsonArray) with the given status and a Content-Length. */
    static void json(HttpServerResponse response, int status, Object json) {
        send(response, status, Json.encodeToBuffer(json));
    }

    static void error(HttpServerResponse response, int status, String message) {
        send(response, status, new JsonObject().put("error", message).toBuffer());
    }

    private static void send(HttpServerResponse response, int status, Buffer body) {
        if (response.ended() || response.closed()) {
            return; // the client is gone or something already answered; nothing more to say
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
    }
}
