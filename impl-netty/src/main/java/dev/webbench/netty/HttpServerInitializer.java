package dev.webbench.netty;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/** The pipeline of every accepted connection, and nothing else. */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private static final HttpDecoderConfig DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(Limits.MAX_REQUEST_LINE_BYTES) // longer: 414
            .setMaxHeaderSize(Limits.MAX_HEADER_BYTES) // larger: 431
            .setMaxChunkSize(8192)
            // Netty's defaults, pinned so that no system property can loosen them: a request line must be
            // exactly three parts and lines end with CRLF (RFC 9112 §2.2), Content-Length beside
            // Transfer-Encoding (request smuggling) is a 400 (§6.3), and so are two Content-Length lines in
            // HTTP/1.1 even if equal, and any field name or value with a control byte (§5.1, §5.5).
            .setStrictLineParsing(true)
            .setUseRfc9112TransferEncoding(true)
            .setAllowDuplicateContentLengths(false)
            .setValidateHeaders(true)
            .setHeadersFactory(new FieldLineCounter()); // counts Content-Length lines the codec merges (HTTP/1.0)
    /**
     * Netty's default, pinned: requests decoded but not answered yet. Past it the codec discards the rest of
     * the input and the connection closes, so a client that pipelines faster than it reads costs at most
     * this many decoded requests (RequestSequencer answers one at a time, and only while the peer reads).
     */
    private static final int MAX_PIPELINE_DEPTH = 128;
    private static final WebSocketServerProtocolConfig COUNTER = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/counter")
            .checkStartsWith(true) // also "/counter?..."; the router only passes on that path
            // No extra 1000 close frame when the channel closes: the decoder has already sent its 1002/1007/1009,
            // a client's close is echoed with its own code (RFC 6455 §5.5.1), and graceful stop sends 1001.
            .sendCloseFrame(null)
            .decoderConfig(CounterHandler.FRAMES) // the RFC 6455 frame checks, see there
            .build();

    private final HttpRouter router;
    private final CounterHandler counter;

    HttpServerInitializer(HttpRouter router, CounterHandler counter) {
        this.router = router;
        this.counter = counter;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        RequestGate gate = new RequestGate();
        channel.pipeline()
                .addLast("lineGuard", gate.lineGuard())
                .addLast("http", new HttpServerCodec(DECODER, MAX_PIPELINE_DEPTH))
                .addLast("gate", gate)
                .addLast("deadlines", new ReadDeadlines())
                // In front of the keep-alive handler: a 413 that must drain the refused body before closing
                // is not closed by it the moment it is written.
                .addLast("aggregator", new JsonHttpObjectAggregator(Limits.MAX_BODY_BYTES))
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("sequencer", new RequestSequencer())
                .addLast("router", router)
                .addLast("websocket", new WebSocketServerProtocolHandler(COUNTER))
                // A message's size over all its fragments (the decoder's limit is per frame): past it the
                // aggregator raises TooLongFrameException, which CounterHandler answers with 1009.
                .addLast("messages", new WebSocketFrameAggregator(Limits.MAX_WEBSOCKET_FRAME_BYTES))
                .addLast("counter", counter);
    }
}
