package dev.webbench.vertx;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.HttpException;

/**
 * Reads a request body of at most {@code limit} bytes as raw bytes, whatever its Content-Type.
 *
 * <p>Vert.x Web's {@code BodyHandler} is not used for {@code POST /product}: for a form content
 * type (what {@code curl -d} sends) it switches on Vert.x's form decoder, which refuses a JSON body
 * holding a {@code %} or more than 8 KiB with 400 before the route runs. The contract ignores the
 * Content-Type, so the bytes are collected here and the limit enforced the same way: by the
 * declared length before reading, and by counting when the body is chunked.
 */
final class BoundedBody {
    private static final int PAYLOAD_TOO_LARGE = 413;

    private BoundedBody() {
    }

    /** The body, or a failed future with {@link HttpException} 413; call before the request is read. */
    static Future<Buffer> read(HttpServerRequest request, int limit) {
        if (declaredLength(request) > limit) {
            return Future.failedFuture(new HttpException(PAYLOAD_TOO_LARGE));
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        Promise<Buffer> body = Promise.promise();
        Buffer received = Buffer.buffer();
        request.handler(chunk -> {
            if (body.future().isComplete()) {
                return; // over the limit: the rest is read and dropped so the connection stays usable
            }
            if (received.length() + chunk.length() > limit) {
                body.fail(new HttpException(PAYLOAD_TOO_LARGE));
            } else {
                received.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(body::tryFail);
        request.endHandler(end -> body.tryComplete(received));
        return body.future();
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Netty has already refused a malformed Content-Length
        }
    }
}
