package dev.webbench.vertx;

import dev.webbench.contract.Limits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two request deadlines of CONTRACT.md "Limits", which Vert.x does not have (its idle timeout
 * cannot catch a client that trickles a byte at a time):
 * <ul>
 *   <li>a request head must be complete within {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} of the
 *       connection's opening or of the previous response's end (slowloris, and idle keep-alive
 *       connections); else the connection is closed;</li>
 *   <li>a request body must be complete within {@link Limits#REQUEST_BODY_TIMEOUT_SECONDS} of its head;
 *       else the client gets a 408 (if nothing was answered yet) and the connection is closed.</li>
 * </ul>
 *
 * <p>Vert.x's API tells when a request head is complete, never when its first byte arrived. So the
 * head deadline runs from the moments a head can begin: the connection opening, and the end of a
 * response with no other request in progress on the connection. A trickling client is thus cut off
 * at most the limit after its first byte. While a request is in progress with its body complete,
 * nothing is cut, however slow its handling; a WebSocket's upgrade request stays in progress, so a
 * {@code /counter} socket is never cut.
 *
 * <p>One timer per connection, re-armed lazily: a request only updates a few fields, and the timer,
 * when it fires, closes the connection or waits for what remains. One instance per verticle; it all
 * runs on that verticle's event loop, so plain fields suffice.
 */
final class RequestDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final long HEAD_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);
    private static final long BODY_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_BODY_TIMEOUT_SECONDS);
    private static final String BODY_TOO_SLOW =
            "request body not complete within " + Limits.REQUEST_BODY_TIMEOUT_SECONDS + " s";

    private final Vertx vertx;
    private final Map<HttpConnection, Watch> watches = new HashMap<>();

    RequestDeadline(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * For {@code HttpServer#connectionHandler}: the first head is due within the limit. Vert.x calls
     * it as the connection opens only with h2c off; with h2c on, not before the first head is complete.
     */
    void opened(HttpConnection connection) {
        Watch watch = new Watch(connection);
        watches.put(connection, watch);
        connection.closeHandler(closed -> {
            Watch closing = watches.remove(connection);
            if (closing != null) {
                closing.cancel();
            }
        });
        watch.schedule(HEAD_NANOS);
    }

    /** The router's first handler: a head is complete; its body is due, and its response ends the wait. */
    void requestBegan(RoutingContext context) {
        HttpServerRequest request = context.request();
        Watch watch = watches.get(request.connection());
        if (watch != null) {
            watch.inProgress++;
            if (!request.isEnded()) {
                watch.reading = request;
                watch.bodyDue = System.nanoTime() + BODY_NANOS;
            }
            // Run on the response's end and on the connection's loss alike.
            context.addEndHandler(ended -> watch.requestEnded());
        }
        context.next();
    }

    private final class Watch {
        private final HttpConnection connection;
        /** Pipelined requests overlap: the next one may begin before the previous response's end handlers run. */
        private int inProgress;
        private long idleSince = System.nanoTime();
        /** The latest request whose body was still arriving when its head was complete. */
        private HttpServerRequest reading;
        private long bodyDue;
        private long timer;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void requestEnded() {
            inProgress--;
            idleSince = System.nanoTime();
        }

        void schedule(long delayNanos) {
            // Rounded up: a timer firing early would only re-arm for the last fraction of a millisecond.
            timer = vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(delayNanos) + 1, fired -> check());
        }

        void cancel() {
            vertx.cancelTimer(timer);
        }

        private void check() {
            long now = System.nanoTime();
            if (reading != null && !reading.isEnded()) {
                if (bodyDue - now > 0) {
                    schedule(bodyDue - now);
                } else {
                    LOG.debug("closing {}: {}", connection.remoteAddress(), BODY_TOO_SLOW);
                    if (reading.response().headWritten()) {
                        connection.close();
                    } else {
                        Replies.refuse(reading, 408, BODY_TOO_SLOW);
                    }
                }
                return;
            }
            reading = null;
            if (inProgress > 0) {
                schedule(HEAD_NANOS);
                return;
            }
            long left = idleSince + HEAD_NANOS - now;
            if (left > 0) {
                schedule(left);
            } else {
                LOG.debug("closing {}: no complete request head within {} s", connection.remoteAddress(),
                        Limits.REQUEST_HEADER_TIMEOUT_SECONDS);
                connection.close();
            }
        }
    }
}
