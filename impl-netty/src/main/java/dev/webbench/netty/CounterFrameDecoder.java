package dev.webbench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Netty's RFC 6455 frame decoder, with one fix: a client close frame with a code that must not be sent
 * (RFC 6455 §7.4.1, §7.4.2: below 1000, 1004-1006, 1015, 1016-2999) is a protocol error, which the contract
 * answers with a 1002 close frame. Netty's decoder refuses that frame too, but it marks the closing handshake
 * as received before it checks the code, so it closes with no close frame at all. Everything else, and the
 * refusal itself, stays the decoder's own ({@link #checkCloseFrameBody} is its documented extension point).
 */
final class CounterFrameDecoder extends WebSocket13FrameDecoder {
    CounterFrameDecoder(WebSocketDecoderConfig config) {
        super(config);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        if (buffer != null && buffer.readableBytes() >= 2
                && !WebSocketCloseStatus.isValidStatusCode(buffer.getUnsignedShort(buffer.readerIndex()))) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        super.checkCloseFrameBody(ctx, buffer);
    }
}
