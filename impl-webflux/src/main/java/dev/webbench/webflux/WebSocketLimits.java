package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The RFC 6455 rules on {@code /counter} that Netty's frame decoder leaves open as Reactor Netty configures it,
 * and the bound on what waits to be sent to a client. Sits right behind Netty's {@code wsdecoder}, which already
 * closes with 1002 on an unmasked frame, a reserved opcode, an oversized or fragmented control frame, a
 * continuation out of place and (see InvalidCloseFrames) an invalid close code, and with 1009 on a single frame over the limit.
 * <ul>
 *   <li>RSV bits: Reactor Netty builds its handshaker with extensions allowed, so the decoder lets them through;
 *       none is ever negotiated here (no compression), so any RSV bit is a protocol error (§5.2): 1002.</li>
 *   <li>A fragmented message over {@link Limits#MAX_WEBSOCKET_FRAME_BYTES} in total: 1009 (§7.4.1), before it
 *       is reassembled.</li>
 *   <li>What waits to be written: once the channel's outbound buffer passes its high-water mark
 *       ({@link Limits#MAX_PENDING_WEBSOCKET_BYTES}, set on upgrade) the client is not reading, and it is dropped.
 *       Reactor Netty answers every ping with a pong whether or not the client reads: without this, a client
 *       sending pings and never reading grows the heap without bound.</li>
 * </ul>
 */
final class WebSocketLimits extends ChannelInboundHandlerAdapter {
    private long messageBytes; // payload so far of the data message being received
    private boolean closing; // a close frame was sent: what else was read is dropped

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof WebSocketFrame frame) {
            if (frame.rsv() != 0) {
                refuse(ctx, msg, WebSocketCloseStatus.PROTOCOL_ERROR);
                return;
            }
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame
                    || frame instanceof ContinuationWebSocketFrame) {
                messageBytes = (frame instanceof ContinuationWebSocketFrame ? messageBytes : 0) + frame.content().readableBytes();
                if (messageBytes > Limits.MAX_WEBSOCKET_FRAME_BYTES) {
                    refuse(ctx, msg, WebSocketCloseStatus.MESSAGE_TOO_BIG);
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            ctx.close(); // a close frame would wait behind what the client does not read
            return;
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void refuse(ChannelHandlerContext ctx, Object frame, WebSocketCloseStatus status) {
        ReferenceCountUtil.release(frame);
        closing = true;
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
    }
}
