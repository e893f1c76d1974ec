package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Bounds what is read of a body after its request was already answered (a 413 before the body was read).
 * Reactor Netty keeps reading and discarding such a body, so the client, still sending, gets to read the
 * answer instead of a TCP reset; past {@link Limits#MAX_DRAINED_BODY_BYTES} the connection is closed instead
 * of draining without end. Sits behind the HTTP codec.
 */
final class RefusedBodyDrain extends ChannelDuplexHandler {
    private boolean inMessage; // the current request's body has not ended yet
    private boolean answered; // ... and its response has been written in full
    private long drained;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            inMessage = true;
            answered = false;
            drained = 0;
        }
        if (answered && inMessage && msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
            if (drained > Limits.MAX_DRAINED_BODY_BYTES) {
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
        }
        if (msg instanceof LastHttpContent) {
            inMessage = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && inMessage) {
            answered = true;
        }
        ctx.write(msg, promise);
    }
}
