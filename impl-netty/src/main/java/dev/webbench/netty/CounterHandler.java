package dev.webbench.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** {@code /counter}: joins once the handshake is done, leaves when the connection ends; client frames are ignored. */
@ChannelHandler.Sharable
final class CounterHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final ConnectedClients clients;

    CounterHandler(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            clients.join(ctx.channel());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        // Ignored (and released by SimpleChannelInboundHandler); pings and closes are answered upstream.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        clients.leave(ctx.channel());
        ctx.fireChannelInactive();
    }
}
