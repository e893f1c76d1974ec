package dev.webbench.bench.ceiling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The generator ceiling: the least any server can do per request, so that wrk's own limit on this machine is
 * visible. It does not parse HTTP: it counts request ends ({@code \r\n\r\n}) and answers each with one fixed,
 * pre-encoded 200 (keep-alive, Content-Length, a small JSON body), written as a view of one shared buffer. Only
 * bodiless requests are framed right, which is all wrk sends to it ({@code GET /time}).
 *
 * <p>Netty on epoll rather than plain NIO: the same transport and event-loop count as the HTTP ceiling and
 * impl-netty, so a target near this ceiling is limited by the load generator and the kernel's socket path, not by a
 * different way of waiting for sockets; and epoll's writev sends a pipelined burst of answers in one system call.
 */
public final class GeneratorCeilingServer {
    static final String BODY = "{\"ceiling\":\"generator\"}";
    private static final ByteBuf RESPONSE = constant(("HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n" + BODY).getBytes(StandardCharsets.US_ASCII));

    private GeneratorCeilingServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        start(CeilingServers.port()).serveForever();
    }

    static CeilingServers.Listening start(int port) throws InterruptedException {
        return CeilingServers.listen(port, () -> new ChannelHandler[] {new RequestEnds()});
    }

    /**
     * A direct buffer that a release cannot free: every answer is a {@link ByteBuf#duplicate()} of it (no copy, no
     * reference count), and the JDK frees it with the class.
     */
    static ByteBuf constant(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
    }

    /** Per connection: how much of {@code \r\n\r\n} the previous read ended with, so a request split across reads counts once. */
    private static final class RequestEnds extends ChannelInboundHandlerAdapter {
        private int matched;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                int answers = 0;
                for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
                    byte b = in.getByte(i);
                    boolean expected = b == ((matched & 1) == 0 ? '\r' : '\n');
                    matched = expected ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched == 4) {
                        answers++;
                        matched = 0;
                    }
                }
                for (int i = 0; i < answers; i++) {
                    ctx.write(RESPONSE.duplicate(), ctx.voidPromise());
                }
            } finally {
                in.release();
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
