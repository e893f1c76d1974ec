package dev.webbench.servlet;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.Messages;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload protection for the routes that need the database: as many of them run at once as the pool has
 * connections, up to {@link #MAX_QUEUED_REQUESTS} more wait for a turn without holding a thread,
 * and any beyond that get 503 "server busy" at once. A turn not given within the database timeout ends as a
 * timed-out pool wait would: 503 "database unavailable".
 *
 * <p>With one turn per pooled connection, the queue here is the pool's wait queue moved in front of the
 * servlet, so a request still waits for a connection at most about one database timeout, and the answer under
 * a lock or outage still comes within two. Without it, every request past the pool's capacity parks a thread
 * (and, under an open-model load, a new connection) inside HikariCP for the whole timeout.
 *
 * <p>Jetty resumes a queued request on a pool thread; with {@code THREAD_MODEL=virtual} it is handed to a
 * virtual thread as every other request is, so the thread model stays what the configuration says.
 */
final class DatabaseAdmission extends QoSHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAdmission.class);
    /**
     * Requests that may wait for a turn (Jetty's own default). At the few milliseconds a statement takes here, a
     * pool of cores x 2 + 1 works through them well within the database timeout; the bound keeps an overload's
     * cost in memory fixed and answers the excess at once rather than after a wait that would end in 503 anyway.
     */
    static final int MAX_QUEUED_REQUESTS = 1024;
    /** The routes that take a pooled connection; {@code /}, {@code /time} and {@code /counter} never wait. */
    static final String[] DATABASE_PATHS = {"/brands", "/product", "/products/*"};

    private Executor virtualThreads;

    DatabaseAdmission(Handler next, int poolSize, Duration dbTimeout) {
        super(next);
        includePath(DATABASE_PATHS);
        setMaxRequestCount(poolSize);
        setMaxSuspendedRequestCount(MAX_QUEUED_REQUESTS);
        setMaxSuspend(dbTimeout);
    }

    @Override
    protected void doStart() throws Exception {
        virtualThreads = VirtualThreads.getVirtualThreadsExecutor(getServer().getThreadPool());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        LOG.info("Database admission: {} requests, {} waited for a turn, {} turned away at once (server busy), {} waited out the timeout",
                getTotalRequestCount(), getTotalSuspendedRequestCount(), getTotalExceededRequestCount(), getTotalExpiredRequestCount());
    }

    @Override
    protected boolean nextHandler(Request request, Response response, Callback callback) throws Exception {
        if (virtualThreads == null || Thread.currentThread().isVirtual()) {
            return super.nextHandler(request, response, callback);
        }
        virtualThreads.execute(() -> {
            try {
                if (!super.nextHandler(request, response, callback)) {
                    JsonErrorHandler.write(response, callback, HttpStatus.NOT_FOUND_404, Messages.NOT_FOUND);
                }
            } catch (Throwable failure) {
                LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), failure);
                JsonErrorHandler.write(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Messages.INTERNAL_ERROR);
            }
        });
        return true;
    }

    /** The queue is full. */
    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        JsonErrorHandler.write(response, callback, status, Messages.SERVER_BUSY);
    }

    /** Waited a whole database timeout for a turn (503), or failed once resumed. */
    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        String message = status == HttpStatus.SERVICE_UNAVAILABLE_503 ? DatabaseUnavailableException.MESSAGE : null;
        JsonErrorHandler.write(response, callback, status, message);
    }
}
