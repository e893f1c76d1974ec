package dev.webbench.vertx;

import dev.webbench.contract.Limits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP connection whose next request head is not complete within
 * {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} (slowloris). An idle timeout cannot catch a client
 * that trickles its headers a byte at a time, and Vert.x has no header timeout.
 *
 * <p>Vert.x's API tells when a request head is complete, never when its first byte arrived. So the
 * deadline runs from the moments a head can begin: the connection opening, and the end of a response
 * with no other request in progress on the connection. A trickling client is thus cut off at most
 * the limit after its first byte, as the contract asks. The trade-off: a keep-alive connection left
 * idle that long is closed too, which makes the limit a keep-alive timeout as well (Apache's and
 * Node's are 5 s). Clients expect that: they drop a pooled connection once the server closes it and
 * retry an idempotent request that raced with the close. While a request is in progress nothing is
 * cut, however slow its handling; a WebSocket's upgrade request stays in progress, so a
 * {@code /counter} socket is never cut.
 *
 * <p>One timer per connection, re-armed lazily: a request only updates two fields, and the timer,
 * when it fires, closes the connection or waits for what remains. One instance per verticle; it all
 * runs on that verticle's event loop, so plain fields suffice.
 */
final class HeaderDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);

    private final Vertx vertx;
    private final Map<HttpConnection, Watch> watches = new HashMap<>();

    HeaderDeadline(Vertx vertx) {
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
        watch.schedule(DEADLINE_NANOS);
    }

    /** The router's first handler: a head is complete, and the deadline waits until its response has ended. */
    void requestBegan(RoutingContext context) {
        Watch watch = watches.get(context.request().connection());
        if (watch != null) {
            watch.inProgress++;
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
            if (inProgress > 0) {
                schedule(DEADLINE_NANOS);
                return;
            }
            long left = idleSince + DEADLINE_NANOS - System.nanoTime();
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
