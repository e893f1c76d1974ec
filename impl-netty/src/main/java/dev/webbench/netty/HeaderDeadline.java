package dev.webbench.netty;

import dev.webbench.contract.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head (request line and headers) is still incomplete
 * {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} after its first byte. A client trickling its headers
 * (slowloris) is never idle, so no idle timeout would catch it, and the 8 KiB header limit would take it
 * hours to reach.
 *
 * <p>It needs two places in the pipeline: this handler in front of the codec sees the first byte of a
 * head, its {@link #headWatcher()} behind the codec sees the head decoded and the message end. Between
 * requests no head is in progress, so an idle keep-alive connection is left alone. After a WebSocket
 * upgrade (101) both leave the pipeline: frames have no head.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);

    // Both handlers run on the channel's event loop, so this state needs no synchronisation.
    private long headSince = -1; // System.nanoTime() of the current head's first byte; -1 when none is being read
    private boolean inMessage; // a head was decoded, its body is not complete yet
    // At most one pending check per connection, rescheduled lazily (as IdleStateHandler does), so a busy
    // keep-alive connection does not schedule and cancel a task for every request.
    private ScheduledFuture<?> check;

    /** The handler to add right behind the HTTP codec. */
    ChannelHandler headWatcher() {
        return new HeadWatcher();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Bytes that arrive while no message is open begin the next head. (Bytes of a next head that came
        // in the same read as the end of the previous message are timed from their next read: a peer that
        // then sends nothing more holds an idle connection, nothing a trickle could stretch.)
        if (!inMessage && headSince < 0 && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            headSince = System.nanoTime();
            if (check == null) {
                schedule(ctx, DEADLINE_NANOS);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (headSince < 0) {
            return; // the head arrived in time; the next one schedules a new check
        }
        long left = DEADLINE_NANOS - (System.nanoTime() - headSince);
        if (left > 0) {
            schedule(ctx, left); // a later head than the one this check was scheduled for
        } else {
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
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

    /** Behind the codec: a decoded head ends the deadline; the end of its message opens the wait for the next. */
    private final class HeadWatcher extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                headSince = -1;
                inMessage = true;
            }
            if (msg instanceof LastHttpContent) {
                inMessage = false;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof HttpExpectationFailedEvent) {
                inMessage = false; // the codec dropped the refused body: whatever comes next is a new head
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean upgraded = msg instanceof HttpResponse response
                    && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status());
            ctx.write(msg, promise);
            if (upgraded) {
                ctx.pipeline().remove(HeaderDeadline.this);
                ctx.pipeline().remove(this);
            }
        }
    }
}
