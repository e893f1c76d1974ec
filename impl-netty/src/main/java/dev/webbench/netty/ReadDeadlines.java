package dev.webbench.netty;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The contract's two read deadlines, behind the codec. A request head must be complete within
 * {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} of the connection's accept or of the previous response
 * (this closes idle keep-alive connections and slowloris heads alike: a trickle is never idle, so an idle
 * timeout would not catch it); a body must be complete within {@link Limits#REQUEST_BODY_TIMEOUT_SECONDS}
 * of its head. Past either, the connection is closed. While the server works on a request, nothing is
 * asked of the peer and no deadline runs.
 *
 * <p>After a WebSocket upgrade (101) the handler leaves the pipeline: frames have no head.
 */
final class ReadDeadlines extends ChannelDuplexHandler {
    private static final long HEAD_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);
    private static final long BODY_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_BODY_TIMEOUT_SECONDS);

    // Runs on the channel's event loop only, so this state needs no synchronisation.
    private long due = -1; // System.nanoTime() by which the peer must have sent what is awaited; -1: nothing is
    private int unanswered; // requests decoded whose response is not written yet
    // At most one pending check per connection, rescheduled lazily (as IdleStateHandler does), so a busy
    // keep-alive connection does not schedule and cancel a task for every request.
    private ScheduledFuture<?> check;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        await(ctx, HEAD_NANOS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            due = -1;
            if (!(msg instanceof LastHttpContent)) {
                await(ctx, BODY_NANOS);
            }
        } else if (msg instanceof LastHttpContent) {
            bodyDone(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HttpExpectationFailedEvent) {
            bodyDone(ctx); // the codec dropped the refused body: no body is awaited any more
        }
        ctx.fireUserEventTriggered(event);
    }

    // A body refused early (413) may end after its answer is out: then the next head is awaited from here.
    private void bodyDone(ChannelHandlerContext ctx) {
        due = -1;
        if (unanswered == 0) {
            await(ctx, HEAD_NANOS);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            ctx.write(msg, promise);
            ctx.pipeline().remove(this);
            return;
        }
        if (msg instanceof LastHttpContent && !isInterim(msg)) {
            unanswered--;
            // From the moment the response has left (its write completed), unless another request or its
            // body is already under way.
            promise = promise.unvoid().addListener((ChannelFutureListener) written -> {
                if (written.isSuccess() && unanswered == 0 && due < 0) {
                    await(ctx, HEAD_NANOS);
                }
            });
        }
        ctx.write(msg, promise);
    }

    /** A {@code 100 Continue}: the request it belongs to is still unanswered. */
    private static boolean isInterim(Object msg) {
        return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private void await(ChannelHandlerContext ctx, long nanos) {
        due = System.nanoTime() + nanos;
        if (check == null) {
            schedule(ctx, nanos);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (due < 0) {
            return; // what was awaited arrived in time; the next wait schedules a new check
        }
        long left = due - System.nanoTime();
        if (left > 0) {
            schedule(ctx, left); // a later wait than the one this check was scheduled for
        } else {
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        due = -1;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handlerRemoved(ctx);
        ctx.fireChannelInactive();
    }
}
