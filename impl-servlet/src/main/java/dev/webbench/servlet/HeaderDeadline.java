package dev.webbench.servlet;

import dev.webbench.contract.Limits;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request headers are still incomplete {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS}
 * after they began (slowloris). Jetty's idle timeout cannot catch this: a client trickling one byte a
 * second is never idle. A once-a-second check per connection reads the parser's state; a stale read
 * only delays the verdict by a second.
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
        private long headersSince = -1;
        private long requestNumber = -1;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, 1, TimeUnit.SECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            var parser = connection.getParser();
            boolean readingHeaders = parser.inHeaderState() && !parser.isStart();
            long now = System.nanoTime();
            if (!readingHeaders) {
                headersSince = -1;
            } else if (headersSince < 0 || connection.getMessagesIn() != requestNumber) {
                headersSince = now;
                requestNumber = connection.getMessagesIn();
            } else if (now - headersSince > DEADLINE_NANOS) {
                connection.getEndPoint().close();
                return;
            }
            schedule();
        }
    }
}
