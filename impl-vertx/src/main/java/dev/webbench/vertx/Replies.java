package dev.webbench.vertx;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/** Writes the contract's responses; every error is {@code {"error": "..."}}. */
final class Replies {
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private Replies() {
    }

    /** Any Vert.x JSON value (JsonObject, JsonArray) with the given status and a Content-Length. */
    static void json(HttpServerResponse response, int status, Object json) {
        send(response, status, APPLICATION_JSON, Json.encodeToBuffer(json));
    }

    static void error(HttpServerResponse response, int status, String message) {
        send(response, status, APPLICATION_JSON, new JsonObject().put("error", message).toBuffer());
    }

    /**
     * A protocol refusal (CONTRACT.md "Protocol rules"): the JSON error with {@code Connection: close},
     * then the connection is closed, since after a framing error the next byte cannot be trusted to start
     * a request (RFC 9112 §6.3, §9.6). Vert.x's close flushes what was written before it.
     */
    static void refuse(HttpServerRequest request, int status, String message) {
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        error(request.response(), status, message);
        request.connection().close();
    }

    /**
     * Content-Length is always set here: Vert.x sets it only for a response that has a body, so a HEAD
     * answer would lack it, where RFC 9110 §9.3.2 wants the GET answer's headers.
     */
    static void send(HttpServerResponse response, int status, CharSequence contentType, Buffer body) {
        if (response.ended() || response.closed()) {
            return; // the client is gone or something already answered; nothing more to say
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()))
                .end(body);
    }
}
