package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * Slowloris guard: closes a connection whose request head (request line and headers) is still incomplete
 * {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} after its first byte. Reactor Netty's timeouts cannot catch a
 * client that trickles its headers: the idle timeout restarts with every byte, and the read and request
 * timeouts only start once the head has been decoded.
 *
 * <p>Two handlers share this state: one in front of the HTTP codec notices the first byte of a head, one right
 * behind it notices the decoded head and the end of its message. An idle keep-alive connection has no head in
 * progress and is left alone. After a WebSocket upgrade both leave the pipeline: frames have no head.
 */
final class HeaderDeadline {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);

    // Both handlers run on the channel's event loop: no synchronisation needed.
    private long headStarted = -1; // nanoTime of the first byte of the head being read; -1 when none is
    private boolean inMessage; // a head was decoded and its body has not ended yet
    // One pending check at most, rescheduled lazily, so a busy connection does not schedule a task per request.
    private ScheduledFuture<?> check;

    private HeaderDeadline() {
    }

    /** Adds the guard around Reactor Netty's HTTP/1.1 codec of a new connection. */
    static void install(ChannelPipeline pipeline) {
        HeaderDeadline deadline = new HeaderDeadline();
        pipeline.addBefore(NettyPipeline.HttpCodec, "webbench.headBytes", deadline.new HeadBytes());
        pipeline.addAfter(NettyPipeline.HttpCodec, "webbench.heads", deadline.new Heads());
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (headStarted < 0) {
            return; // that head arrived in time; the next one schedules its own check
        }
        long left = DEADLINE_NANOS - (System.nanoTime() - headStarted);
        if (left > 0) {
            check = ctx.executor().schedule(() -> expire(ctx), left, TimeUnit.NANOSECONDS); // a later head
        } else {
            ctx.close();
        }
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** In front of the codec: bytes arriving while no message is open begin the next head. */
    private final class HeadBytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!inMessage && headStarted < 0 && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                headStarted = System.nanoTime();
                if (check == null) {
                    check = ctx.executor().schedule(() -> expire(ctx), DEADLINE_NANOS, TimeUnit.NANOSECONDS);
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }
    }

    /** Behind the codec: a decoded head meets the deadline; the end of its message opens the wait for the next. */
    private final class Heads extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                headStarted = -1;
                inMessage = true;
            }
            if (msg instanceof LastHttpContent) {
                inMessage = false;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean upgrade = msg instanceof HttpResponse response && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status());
            ctx.write(msg, promise);
            if (upgrade) {
                ctx.pipeline().remove("webbench.headBytes");
                ctx.pipeline().remove(this);
            }
        }
    }
}
