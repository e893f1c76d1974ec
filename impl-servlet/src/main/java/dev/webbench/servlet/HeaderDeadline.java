package dev.webbench.servlet;

import dev.webbench.contract.Limits;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection that has not completed a request's headers {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} after
 * it was accepted or after its previous response (slowloris, and a connection opened and left silent). Jetty's idle
 * timeout cannot catch a client trickling one byte a second, which is never idle. A once-a-second check per
 * connection reads the parser's state; a stale read only delays the verdict by a second. A connection upgraded to
 * WebSocket is no longer watched.
 */
final class HeaderDeadline implements Connection.Listener {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);

    private final Scheduler scheduler;

    HeaderDeadline(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).schedule();
        }
    }

    private final class Watch implements Runnable {
        private final HttpConnection connection;
        /** Since when the connection has been waiting for a request's headers; -1 while a request is in hand. */
        private long waitingSince = System.nanoTime();
        private long responses;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, 1, TimeUnit.SECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen() || connection.getEndPoint().getConnection() != connection) {
                return; // closed, or upgraded to another protocol
            }
            // START counts: a connection with nothing sent yet is waiting for headers too.
            boolean waitingForHeaders = connection.getParser().inHeaderState();
            long now = System.nanoTime();
            if (!waitingForHeaders) {
                waitingSince = -1;
            } else if (waitingSince < 0 || connection.getMessagesOut() != responses) {
                waitingSince = now;
                responses = connection.getMessagesOut();
            } else if (now - waitingSince > DEADLINE_NANOS) {
                connection.getEndPoint().close();
                return;
            }
            schedule();
        }
    }
}
