package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import java.util.List;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's protocol rules that Spring Boot's server properties cannot express, as Netty handlers in
 * Reactor Netty's pipeline (its documented hook: {@code doOnChannelInit}). An HTTP/1.1 connection gets them
 * around the HTTP codec, ahead of Reactor Netty's HttpTrafficHandler:
 * <pre>
 * ObsFoldGuard.HeadLines → httpCodec → ObsFoldGuard.Heads → RequestDeadlines → PipelinedRequests
 *     → ProtocolRefusals → RefusedBodyDrain → WebSocketUpgrade → httpTrafficHandler → …
 * </pre>
 * When the {@code /counter} handshake succeeds (101), those leave, and the WebSocket ones join Netty's frame
 * decoder: {@code InvalidCloseFrames → wsdecoder → WebSocketLimits → Utf8FrameValidator → …}.
 */
@Configuration(proxyBeanMethods = false)
class ReactorNettyConfiguration {
    private static final String DEADLINES = "webbench.requestDeadlines";
    private static final String PIPELINING = "webbench.pipelinedRequests";
    private static final String REFUSALS = "webbench.protocolRefusals";
    private static final String DRAIN = "webbench.refusedBodyDrain";
    private static final String UPGRADE = "webbench.webSocketUpgrade";
    private static final String HEAD_LINES = "webbench.headLines";
    private static final String HEADS = "webbench.heads";
    private static final List<String> HTTP_ONLY = List.of(HEAD_LINES, HEADS, DEADLINES, PIPELINING, REFUSALS, DRAIN, UPGRADE);
    // Netty's WebSocketServerHandshaker names its frame decoder so.
    private static final String WS_DECODER = "wsdecoder";

    /**
     * The kernel's send buffer per connection, instead of the megabytes TCP autotuning grants (Linux doubles the
     * value, socket(7)). It bounds what a client that does not read can make the server do before it stalls: the
     * answers to its pipelined requests (each a database query; PipelinedRequests goes on only while the channel
     * is writable) or the pongs to its pings (WebSocketLimits drops it once the outbound buffer is full). This API's
     * answers are a few KiB, so it costs a reading client nothing.
     */
    private static final int SEND_BUFFER_BYTES = 64 * 1024;

    @Bean
    NettyServerCustomizer contractHandlers(JsonMapper json) {
        return server -> server.childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES).doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null) { // an HTTP/1.1 connection
                // addAfter the codec, each in front of the previous one: the reverse of their order.
                pipeline.addAfter(NettyPipeline.HttpCodec, UPGRADE, new WebSocketUpgrade());
                pipeline.addAfter(NettyPipeline.HttpCodec, DRAIN, new RefusedBodyDrain());
                pipeline.addAfter(NettyPipeline.HttpCodec, REFUSALS, new ProtocolRefusals(json));
                pipeline.addAfter(NettyPipeline.HttpCodec, PIPELINING, new PipelinedRequests());
                pipeline.addAfter(NettyPipeline.HttpCodec, DEADLINES, new RequestDeadlines());
                ObsFoldGuard.install(pipeline, HEAD_LINES, HEADS);
            }
        });
    }

    /** Swaps the HTTP handlers for the WebSocket ones once the 101 is written and Netty's frame codec is in. */
    private static final class WebSocketUpgrade extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
                promise.addListener(written -> {
                    ChannelPipeline pipeline = ctx.pipeline();
                    if (!written.isSuccess() || pipeline.get(WS_DECODER) == null) {
                        return;
                    }
                    HTTP_ONLY.forEach(name -> {
                        if (pipeline.get(name) != null) {
                            pipeline.remove(name);
                        }
                    });
                    // What waits unsent for a client is bounded by this high-water mark (WebSocketLimits).
                    ctx.channel().config().setWriteBufferWaterMark(
                            new WriteBufferWaterMark(Limits.MAX_PENDING_WEBSOCKET_BYTES / 2, Limits.MAX_PENDING_WEBSOCKET_BYTES));
                    // RFC 6455 §8.1: a text message that is not UTF-8 fails the connection with 1007. Netty's
                    // WebSocketServerProtocolHandler would add this validator; Reactor Netty does not.
                    pipeline.addAfter(WS_DECODER, "webbench.utf8", new Utf8FrameValidator(true));
                    pipeline.addAfter(WS_DECODER, "webbench.webSocketLimits", new WebSocketLimits());
                    pipeline.addBefore(WS_DECODER, "webbench.invalidCloseFrames", new InvalidCloseFrames());
                });
            }
            ctx.write(msg, promise);
        }
    }
}
