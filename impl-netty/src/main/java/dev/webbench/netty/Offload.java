package dev.webbench.netty;

import dev.webbench.config.ThreadModel;
import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.Messages;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs blocking work (JDBC) off the event loops and writes its response back on the channel's own
 * loop. It also counts the requests in flight, so that a graceful stop can wait for them.
 */
final class Offload implements AutoCloseable {
    /** Requests that may wait for a platform thread; past this the server answers 503 rather than queue without bound. */
    static final int PLATFORM_QUEUE = 4_096;

    private final ExecutorService executor;
    private final long maxWaitNanos;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    private Offload(ExecutorService executor, Duration maxWait) {
        this.executor = executor;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * Virtual: a virtual thread per request, bounded by the connection pool's wait. Platform: as many
     * threads as pooled connections (more would only wait for one) and a bounded queue. A request that
     * waited longer than {@code maxWait} (the DB timeout) to start gets 503 without touching the database.
     */
    static Offload forModel(ThreadModel model, int platformThreads, Duration maxWait) {
        return new Offload(switch (model) {
            case VIRTUAL -> Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(NettyServer.NAME + "-db-", 0).factory());
            case PLATFORM -> new ThreadPoolExecutor(platformThreads, platformThreads, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(PLATFORM_QUEUE), new DefaultThreadFactory(NettyServer.NAME + "-db"));
        }, maxWait);
    }

    /** Runs {@code work} off the loop; its response (or the contract's error for its exception) goes back to {@code ctx}. */
    void respond(ChannelHandlerContext ctx, Supplier<FullHttpResponse> work) {
        inFlight.incrementAndGet();
        long queued = System.nanoTime();
        try {
            executor.execute(() -> {
                // With one platform thread per pooled connection, waiting for a thread is waiting for a
                // connection: past the DB timeout it ends as the pool's own wait would, with a 503. Without
                // this, requests queued behind statements stuck for the whole timeout would wait several
                // timeouts. (Virtual threads start at once; the check costs them nothing.)
                FullHttpResponse response = System.nanoTime() - queued > maxWaitNanos
                        ? Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, DatabaseUnavailableException.MESSAGE)
                        : Responses.attempt(work);
                try {
                    ctx.executor().execute(() -> write(ctx, response));
                } catch (RejectedExecutionException loopStopped) {
                    response.release();
                    done();
                }
            });
        } catch (RejectedExecutionException full) {
            write(ctx, Responses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, Messages.SERVER_BUSY));
        }
    }

    /** True once a graceful stop began: responses then ask clients to close their connection. */
    boolean draining() {
        return draining;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no request is in flight, at most {@code millis}; true when none is left. */
    boolean awaitIdle(long millis) {
        draining = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (this) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    // On the channel's event loop.
    private void write(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (draining) {
            HttpUtil.setKeepAlive(response, false);
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) future -> done());
    }

    private void done() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (this) {
                notifyAll();
            }
        }
    }
}
