package dev.webbench.servlet;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.Messages;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload protection for the routes that need the database: as many of them run at once as the pool has
 * connections (a <em>turn</em> each), up to {@link #MAX_QUEUED_REQUESTS} more wait for a turn without holding a
 * thread, and any beyond that get 503 "server busy" at once. A turn not given within the database timeout ends as a
 * timed-out pool wait would: 503 "database unavailable".
 *
 * <p>With one turn per pooled connection, the queue here is the pool's wait queue moved in front of the
 * servlet, so a request still waits for a connection at most about one database timeout, and the answer under
 * a lock or outage still comes within two. Without it, every request past the pool's capacity parks a thread
 * (and, under an open-model load, a new connection) inside HikariCP for the whole timeout.
 *
 * <p>A turn ends when the answer starts to be written, not when the exchange completes. Jetty's {@code QoSHandler},
 * which this replaces, released its permit only once the whole response was written: a handful of clients that
 * pipeline requests and never read their answers then held every turn, and everyone else got 503 (the kit's
 * pipelined-flood check). The statement is over by the time the answer is written, so the turn has nothing left to
 * protect.
 *
 * <p>A queued request resumes on a pool thread; with {@code THREAD_MODEL=virtual} it is handed to a virtual thread as
 * every other request is, so the thread model stays what the configuration says.
 */
final class DatabaseAdmission extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAdmission.class);
    /**
     * Requests that may wait for a turn (Jetty's QoSHandler default). At the few milliseconds a statement takes here, a
     * pool of cores x 2 + 1 works through them well within the database timeout; the bound keeps an overload's
     * cost in memory fixed and answers the excess at once rather than after a wait that would end in 503 anyway.
     */
    static final int MAX_QUEUED_REQUESTS = 1024;

    private final int turns;
    private final Duration maxWait;
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private int busy;
    private Executor virtualThreads;
    private Executor executor;
    private Scheduler scheduler;
    private final LongAdder admitted = new LongAdder();
    private final LongAdder queued = new LongAdder();
    private final LongAdder turnedAway = new LongAdder();
    private final LongAdder expired = new LongAdder();

    DatabaseAdmission(Handler next, int turns, Duration maxWait) {
        super(next);
        this.turns = turns;
        this.maxWait = maxWait;
    }

    /** The routes that take a pooled connection; {@code /}, {@code /time} and {@code /counter} never wait. */
    static boolean needsDatabase(String path) {
        return path.equals("/brands") || path.equals("/product") || path.startsWith("/products/");
    }

    @Override
    protected void doStart() throws Exception {
        virtualThreads = VirtualThreads.getVirtualThreadsExecutor(getServer().getThreadPool());
        executor = virtualThreads != null ? virtualThreads : getServer().getThreadPool();
        scheduler = getServer().getScheduler();
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        LOG.info("Database admission: {} requests, {} waited for a turn, {} turned away at once (server busy), {} waited out the timeout",
                admitted.sum(), queued.sum(), turnedAway.sum(), expired.sum());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!needsDatabase(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        admitted.increment();
        Turn turn = new Turn();
        synchronized (this) {
            if (busy < turns) {
                busy++;
            } else if (waiting.size() >= MAX_QUEUED_REQUESTS) {
                turnedAway.increment();
                JsonErrorHandler.write(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, Messages.SERVER_BUSY);
                return true;
            } else {
                queued.increment();
                Waiting entry = new Waiting(turn, request, response, callback);
                waiting.add(entry);
                entry.timeout = scheduler.schedule(() -> expire(entry), maxWait.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            }
        }
        if (virtualThreads != null && !Thread.currentThread().isVirtual()) {
            // The body was read asynchronously and this continues on one of Jetty's own threads: run the blocking
            // JDBC work where the configured thread model says.
            virtualThreads.execute(() -> run(turn, request, response, callback));
        } else {
            run(turn, request, response, callback);
        }
        return true;
    }

    /** Runs an admitted request; its turn ends at its answer's first write, or when it is done, whichever is first. */
    private void run(Turn turn, Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, new TurnEndsOnWrite(response, turn), Callback.from(callback, turn::end))) {
                JsonErrorHandler.write(response, callback, HttpStatus.NOT_FOUND_404, Messages.NOT_FOUND);
            }
        } catch (Throwable failure) {
            LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), failure);
            JsonErrorHandler.write(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Messages.INTERNAL_ERROR);
        } finally {
            turn.end();
        }
    }

    /** Passes a finished turn to the longest-waiting request, or frees it. */
    private void pass() {
        Waiting next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                busy--;
                return;
            }
        }
        next.timeout.cancel();
        // Never inline: this runs inside another request's write.
        executor.execute(() -> run(next.turn, next.request, next.response, next.callback));
    }

    private void expire(Waiting entry) {
        synchronized (this) {
            if (!waiting.remove(entry)) {
                return; // given a turn meanwhile
            }
        }
        expired.increment();
        JsonErrorHandler.write(entry.response, entry.callback, HttpStatus.SERVICE_UNAVAILABLE_503, DatabaseUnavailableException.MESSAGE);
    }

    /** One request's use of a pooled connection; ends once, whichever of its ends comes first. */
    private final class Turn {
        private final AtomicBoolean ended = new AtomicBoolean();

        void end() {
            if (ended.compareAndSet(false, true)) {
                pass();
            }
        }
    }

    private static final class Waiting {
        final Turn turn;
        final Request request;
        final Response response;
        final Callback callback;
        Scheduler.Task timeout;

        Waiting(Turn turn, Request request, Response response, Callback callback) {
            this.turn = turn;
            this.request = request;
            this.response = response;
            this.callback = callback;
        }
    }

    /** The admitted request's response: its first write ends the turn, before a client that does not read can hold it. */
    private static final class TurnEndsOnWrite extends Response.Wrapper {
        private final Turn turn;

        TurnEndsOnWrite(Response response, Turn turn) {
            super(response.getRequest(), response);
            this.turn = turn;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            turn.end();
            super.write(last, content, callback);
        }
    }
}
