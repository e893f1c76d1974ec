package dev.webbench.webflux;

import dev.webbench.contract.HttpDate;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The errors Reactor Netty answers by itself, before Spring sees a request (malformed request line 400, 414,
 * 431, Content-Length with Transfer-Encoding 400), come with an empty body and none of our headers. This gives
 * them the contract's JSON error, Server and Date like every other response. Sits right behind the HTTP codec.
 */
@ChannelHandler.Sharable
final class ProtocolErrorBodies extends ChannelOutboundHandlerAdapter {
    private final JsonMapper json;

    ProtocolErrorBodies(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        // Responses written by Spring always carry a Content-Type; Reactor Netty's own error responses never do.
        if (msg instanceof FullHttpResponse bare && bare.status().code() >= 400 && !bare.content().isReadable()
                && !bare.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            String message = bare.status().reasonPhrase().toLowerCase(Locale.ROOT);
            FullHttpResponse answer = bare.replace(Unpooled.wrappedBuffer(json.writeValueAsBytes(new ErrorBody(message))));
            bare.release();
            answer.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes())
                    .set(HttpHeaderNames.SERVER, WebfluxApp.NAME)
                    .set(HttpHeaderNames.DATE, HttpDate.now());
            ctx.write(answer, promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
