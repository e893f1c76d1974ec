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
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(Limits.MAX_REQUEST_LINE_BYTES) // longer: 414
            .setMaxHeaderSize(Limits.MAX_HEADER_BYTES) // larger: 431
            .setMaxChunkSize(8192)
            // Netty's defaults, pinned so that no system property can loosen them: a request line must be
            // exactly three parts, and Content-Length beside Transfer-Encoding (request smuggling) is a 400.
            .setStrictLineParsing(true)
            .setUseRfc9112TransferEncoding(true);
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
        HeaderDeadline headerDeadline = new HeaderDeadline();
        channel.pipeline()
                .addLast("headerDeadline", headerDeadline)
                .addLast("http", new HttpServerCodec(DECODER))
                .addLast("headDecoded", headerDeadline.headWatcher())
                // In front of the keep-alive handler: a 413 that must drain the refused body before closing
                // is not closed by it the moment it is written.
                .addLast("aggregator", new JsonHttpObjectAggregator(Limits.MAX_BODY_BYTES))
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("sequencer", new RequestSequencer())
                .addLast("router", router)
                .addLast("websocket", new WebSocketServerProtocolHandler(COUNTER))
                .addLast("counter", counter);
    }
}
