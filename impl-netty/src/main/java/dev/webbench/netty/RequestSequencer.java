package dev.webbench.netty;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * One request at a time per connection. A database route answers later, from another thread, so a
 * pipelined request behind it waits here until its response is written: HTTP/1.1 responses leave in
 * request order (RFC 9112 §9.3.2). Reading pauses while too many wait or while the peer is not taking its
 * responses, and the next request is only answered once the channel is writable again
 * ({@link io.netty.channel.Channel#isWritable()}: the outbound buffer is under its high water mark): a
 * client that pipelines requests and never reads costs one response beyond that mark, not one per request.
 */
final class RequestSequencer extends ChannelDuplexHandler {
    private static final int MAX_WAITING = 16;

    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg); // WebSocket frames after an upgrade
        } else if (answering || !waiting.isEmpty() || !ctx.channel().isWritable()) {
            waiting.add(request);
            updateReading(ctx);
        } else {
            answering = true;
            ctx.fireChannelRead(request);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && answering) {
            answering = false;
            if (!waiting.isEmpty()) {
                // Later, not from inside this write: the next answer may well be written synchronously.
                ctx.executor().execute(() -> next(ctx));
            }
        }
    }

    private void next(ChannelHandlerContext ctx) {
        if (answering || !ctx.channel().isActive() || !ctx.channel().isWritable()) {
            return;
        }
        FullHttpRequest request = waiting.poll();
        if (request != null) {
            answering = true;
            updateReading(ctx);
            ctx.fireChannelRead(request);
            ctx.flush(); // no read completes for a request that waited, so flush what it produced
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading(ctx);
        next(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private void updateReading(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        boolean read = waiting.size() < MAX_WAITING && ctx.channel().isWritable();
        if (config.isAutoRead() != read) {
            config.setAutoRead(read);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    private void releaseWaiting() {
        for (FullHttpRequest request; (request = waiting.poll()) != null; ) {
            request.release();
        }
    }
}
