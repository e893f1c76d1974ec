package dev.webbench.netty;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * {@code /counter}: joins once the handshake is done, leaves when the connection ends; client messages are
 * ignored. Pings and close frames are answered by {@link WebSocketServerProtocolHandler}, frame-level
 * protocol errors by its decoder (1002, 1007, and 1009 for one frame over the limit).
 *
 * <p>A client is dropped once more than {@link Limits#MAX_PENDING_WEBSOCKET_BYTES} wait to be written to it,
 * pongs and close frames included: that is the channel's high water mark, so the channel turning
 * unwritable ({@code channelWritabilityChanged}) is the signal. A client sending pings and never reading
 * then costs at most that much, instead of a pong queue as long as its pings.
 */
@ChannelHandler.Sharable
final class CounterHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    /** Netty's default marks, pinned: high is the contract's bound, low where writes would resume. */
    static final WriteBufferWaterMark UNSENT_BOUND =
            new WriteBufferWaterMark(Limits.MAX_PENDING_WEBSOCKET_BYTES / 2, Limits.MAX_PENDING_WEBSOCKET_BYTES);

    /**
     * RFC 6455 checks of Netty's frame decoder, each a close with its code: masked client frames, no RSV bits
     * or reserved opcodes, control frames of at most 125 bytes and unfragmented (1002); UTF-8 text, checked
     * across fragments by Utf8FrameValidator (1007); frames over the limit (1009).
     */
    static final WebSocketDecoderConfig FRAMES = WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(true)
            .allowExtensions(false)
            .allowMaskMismatch(false)
            .withUTF8Validator(true)
            .closeOnProtocolViolation(true)
            .maxFramePayloadLength(Limits.MAX_WEBSOCKET_FRAME_BYTES)
            .build();

    /** Pongs written before a flush: 64 of the largest (125 bytes) stay far below the 64 KiB bound. */
    private static final int PONG_FLUSH_BATCH = 64;

    private final ConnectedClients clients;

    CounterHandler(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.channel().config().setWriteBufferWaterMark(UNSENT_BOUND);
            // The handshaker installed Netty's decoder; no frame has been read yet (the 101 was written just now).
            ctx.pipeline().replace(WebSocketFrameDecoder.class, "wsdecoder", new CounterFrameDecoder(FRAMES));
            // A ping is answered by a flushed pong: a client sending thousands of pings per read would cost a
            // system call each, and hold its event loop (and the counts of every client on it) that long.
            // FlushConsolidationHandler turns the flushes made during one read into one per PONG_FLUSH_BATCH;
            // counts, written from outside a read, still leave at once.
            ctx.pipeline().addFirst("flushes", new FlushConsolidationHandler(PONG_FLUSH_BATCH, false));
            clients.join(ctx.channel());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && clients.isMember(ctx.channel())) {
            ctx.close(); // dropped: what it has not read is discarded with it
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        // Ignored (and released by SimpleChannelInboundHandler).
    }

    /**
     * The {@link WebSocketFrameAggregator} in front of this handler refuses a fragmented message over the
     * limit: RFC 6455 §7.4.1, 1009 (the decoder already sends it for a single frame over the limit).
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException && clients.isMember(ctx.channel())) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close(); // resets and the like: the connection is simply dropped
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clients.leave(ctx.channel());
        ctx.fireChannelInactive();
    }
}
