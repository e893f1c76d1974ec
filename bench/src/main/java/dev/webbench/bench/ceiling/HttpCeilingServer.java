package dev.webbench.bench.ceiling;

import dev.webbench.contract.HttpDate;
import dev.webbench.contract.TimeOfDay;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP ceiling: a real HTTP/1.1 server (Netty's request decoder parses the request line and headers, honours
 * keep-alive and pipelined requests) that answers every request with the contract's {@code GET /time} response
 * and nothing else: no routing, no validation, no database, no JSON library. It must cost less per request than
 * any implementation, so the whole response (status line, headers, body) is encoded once per second, when the Date
 * header and the body's time change, into one buffer that every answer in that second duplicates; per request
 * there is only what the decoder allocates. Its body is therefore up to a second old, which a ceiling may be.
 */
public final class HttpCeilingServer {

    private HttpCeilingServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        start(CeilingServers.port()).serveForever();
    }

    static CeilingServers.Listening start(int port) throws InterruptedException {
        return CeilingServers.listen(port, () -> new ChannelHandler[] {new HttpRequestDecoder(), new TimeHandler()});
    }

    /** The two answers of one second: the usual keep-alive one, and one that announces the close. */
    private record Encoded(long second, ByteBuf keepAlive, ByteBuf close) {
        static Encoded of(long second) {
            TimeOfDay now = TimeOfDay.now();
            String body = "{\"month\":" + now.month() + ",\"day\":" + now.day() + ",\"time\":\"" + now.time() + "\"}";
            return new Encoded(second, response(body, "keep-alive"), response(body, "close"));
        }

        private static ByteBuf response(String body, String connection) {
            return GeneratorCeilingServer.constant(("HTTP/1.1 200 OK\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n"
                    + "Date: " + HttpDate.now() + "\r\n"
                    + "Server: http-ceiling\r\n"
                    + "Connection: " + connection + "\r\n"
                    + "\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static final ByteBuf BAD_REQUEST = GeneratorCeilingServer.constant(
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

    private static volatile Encoded current = Encoded.of(System.currentTimeMillis() / 1000);

    /** This second's answers; racing event loops may both encode a new second, and either result is right. */
    private static Encoded thisSecond() {
        long second = System.currentTimeMillis() / 1000;
        Encoded encoded = current;
        if (encoded.second() != second) {
            encoded = Encoded.of(second);
            current = encoded;
        }
        return encoded;
    }

    private static final class TimeHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (!(message instanceof HttpRequest request)) {
                    return; // the request's (empty) content: the answer went out with its head
                }
                if (request.decoderResult().isFailure()) {
                    ctx.writeAndFlush(BAD_REQUEST.duplicate()).addListener(ChannelFutureListener.CLOSE);
                } else if (HttpUtil.isKeepAlive(request)) {
                    ctx.write(thisSecond().keepAlive().duplicate(), ctx.voidPromise());
                } else {
                    ctx.writeAndFlush(thisSecond().close().duplicate()).addListener(ChannelFutureListener.CLOSE);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
