package dev.webbench.webflux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * A close frame from the client with a code that must not be sent (below 1000, 1004-1006, 1015, 1016-2999;
 * RFC 6455 §7.4) is a protocol error, which the contract answers like every other: a close frame with 1002, then
 * the TCP close. Netty's frame decoder does detect it, but having seen the client's close it answers with an
 * empty buffer instead of a close frame (WebSocket08FrameDecoder#protocolViolation) and closes. This swaps that
 * empty write, while no close frame has gone out yet, for the 1002 frame; the decoder's close still follows it.
 *
 * <p>Sits between Netty's {@code wsencoder} and {@code wsdecoder}, so every frame written passes it.
 */
final class InvalidCloseFrames extends ChannelOutboundHandlerAdapter {
    private boolean closeSent;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame) {
            closeSent = true;
        } else if (msg instanceof ByteBuf empty && !empty.isReadable() && !closeSent) {
            closeSent = true;
            empty.release();
            ctx.write(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR), promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
