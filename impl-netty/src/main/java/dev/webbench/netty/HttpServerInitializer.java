package dev.webbench.netty;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The pipeline of every accepted connection, and nothing else. */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    // Netty's defaults, written out: 4 KiB request line, 8 KiB of headers, 8 KiB body chunks.
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096)
            .setMaxHeaderSize(8192)
            .setMaxChunkSize(8192);
    private static final WebSocketServerProtocolConfig COUNTER = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/counter")
            .checkStartsWith(true) // also "/counter?..."; the router only passes on that path
            .maxFramePayloadLength(Limits.MAX_WEBSOCKET_FRAME_BYTES) // larger frames: close 1009
            .build();

    private final HttpRouter router;
    private final CounterHandler counter;

    HttpServerInitializer(HttpRouter router, CounterHandler counter) {
        this.router = router;
        this.counter = counter;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("http", new HttpServerCodec(DECODER))
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new JsonHttpObjectAggregator(Limits.MAX_BODY_BYTES))
                .addLast("sequencer", new RequestSequencer())
                .addLast("router", router)
                .addLast("websocket", new WebSocketServerProtocolHandler(COUNTER))
                .addLast("counter", counter);
    }
}
