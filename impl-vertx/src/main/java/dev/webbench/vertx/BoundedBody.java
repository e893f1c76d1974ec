package dev.webbench.vertx;

import dev.webbench.contract.Limits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body of at most {@code limit} bytes as raw bytes, whatever its Content-Type.
 *
 * <p>Vert.x Web's {@code BodyHandler} is not used for {@code POST /product}: for a form content
 * type (what {@code curl -d} sends) it switches on Vert.x's form decoder, which refuses a JSON body
 * holding a {@code %} or more than 8 KiB with 400 before the route runs. The contract ignores the
 * Content-Type, so the bytes are collected here and the limit enforced the same way: by the
 * declared length before reading, and by counting when the body is chunked.
 *
 * <p>A refused body fails with {@link HttpException} 413, an application refusal (CONTRACT.md
 * "Limits"): the rest of the body is read and dropped, so that a client still sending can read the 413
 * instead of meeting a TCP reset, and the connection then serves its next request. But no more than
 * {@link Limits#MAX_DRAINED_BODY_BYTES} of it is read: a declared length past that is answered with
 * {@code Connection: close} and the connection shut down (within {@link #DRAIN_TIMEOUT_SECONDS}), and a
 * chunked body that goes past it closes the connection at once. {@link RequestDeadline} bounds the time.
 */
final class BoundedBody {
    private static final int PAYLOAD_TOO_LARGE = 413;
    /** A client gets as long to finish sending a refused body as it gets to send its headers. */
    private static final long DRAIN_TIMEOUT_SECONDS = Limits.REQUEST_HEADER_TIMEOUT_SECONDS;

    private final HttpServerRequest request;
    private final int limit;
    private final Promise<Buffer> body = Promise.promise();
    private final Buffer received = Buffer.buffer();
    private boolean refused;
    private long dropped;

    private BoundedBody(HttpServerRequest request, int limit) {
        this.request = request;
        this.limit = limit;
    }

    /** The body, or a failed future with {@link HttpException} 413; call before the request is read. */
    static Future<Buffer> read(HttpServerRequest request, int limit) {
        return new BoundedBody(request, limit).start();
    }

    private Future<Buffer> start() {
        request.handler(this::receive);
        request.exceptionHandler(body::tryFail);
        request.endHandler(end -> body.tryComplete(received)); // no-op once refused
        if (declaredLength() > limit) {
            refuse();
        } else if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
        return body.future();
    }

    private void receive(Buffer chunk) {
        if (refused) {
            dropped += chunk.length();
            if (dropped > Limits.MAX_DRAINED_BODY_BYTES) {
                request.connection().close();
            }
        } else if (received.length() + chunk.length() > limit) {
            refuse();
        } else {
            received.appendBuffer(chunk);
        }
    }

    /**
     * Called before the 413 is written. For a body too long to drain, a shutdown begun while the
     * response is in progress lets Vert.x close the connection once both the response and the request
     * body are complete (begun after the response, it would close at once), and closes it anyway after
     * the timeout.
     */
    private void refuse() {
        refused = true;
        if (declaredLength() - limit > Limits.MAX_DRAINED_BODY_BYTES) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            request.connection().shutdown(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        body.fail(new HttpException(PAYLOAD_TOO_LARGE));
    }

    private long declaredLength() {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Netty has already refused a malformed Content-Length
        }
    }
}
