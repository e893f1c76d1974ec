package dev.webbench.vertx;

import dev.webbench.contract.HttpDate;
import dev.webbench.contract.RequestRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Vert.x's own HTTP/1.x request decoder (Netty's {@code HttpRequestDecoder}, which already refuses bare
 * LF/CR line ends, a space before a colon, invalid header names, NUL in values, TE with CL and
 * duplicate Content-Length), plus the rules of CONTRACT.md "Protocol rules" that it leaves out and
 * that cannot be checked once a request is decoded:
 * <ul>
 *   <li>a field line with an empty name ({@code ": value"}), which Netty accepts: 400 (RFC 9110 §5.1,
 *       a field name is a token, one or more characters);</li>
 *   <li>the version text exactly as sent: {@code HTTP/1.0}, {@code HTTP/1.1} (a later 1.x is read as 1.1);
 *       another major version is 505 (RFC 9110 §15.6.6), anything else, such as the {@code http/1.1} Netty
 *       accepts, is 400 (RFC 9112 §2.3: the name is case-sensitive);</li>
 *   <li>obs-fold, a header line that starts with SP or HTAB, which Netty joins to the previous value:
 *       400 (RFC 9112 §5.2);</li>
 *   <li>a malformed chunk (RFC 9112 §7.1): Netty reports it as a failed {@link HttpContent}, on which
 *       Vert.x closes the connection without a word, so the JSON 400 is written here before the close.</li>
 * </ul>
 * Head refusals travel the framework's path: the request is marked failed with a {@link Refused} cause,
 * and {@code HttpServer#invalidRequestHandler} answers it. {@link HttpVerticle} puts one instance in
 * place of Vert.x's decoder on each connection, before a byte is read.
 */
final class ContractRequestDecoder extends VertxHttpRequestDecoder {
    /** Pipeline name Vert.x gives its request decoder ({@code HttpServerConnectionInitializer}). */
    static final String NAME = "httpDecoder";

    /** The decoder's verdict on a request head, carried as its decoder failure. */
    static final class Refused extends RuntimeException {
        final RequestRules.Refusal refusal;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.refusal = new RequestRules.Refusal(status, message);
        }
    }

    private static final String OBS_FOLD = "obsolete line folding is not accepted";
    private static final String EMPTY_NAME = "a header field needs a name";
    private static final String BAD_CHUNK = "invalid chunked encoding";

    /** True from the end of a message to the end of the next head: consumed bytes are head bytes. */
    private boolean inHead = true;
    private boolean lastWasLineFeed;
    private Refused headRefusal;

    ContractRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        String version = initialLine[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            boolean wellFormed = version.length() == 8 && version.startsWith("HTTP/") && version.charAt(6) == '.'
                    && Character.isDigit(version.charAt(5)) && Character.isDigit(version.charAt(7));
            if (!wellFormed) {
                throw new Refused(400, "invalid request line");
            }
            if (version.charAt(5) != '1') {
                throw new Refused(505, RequestRules.VERSION_NOT_SUPPORTED);
            }
            // RFC 9110 §2.5: a later 1.x minor version is answered as the highest this server speaks, 1.1.
            initialLine[2] = "HTTP/1.1";
        }
        return super.createMessage(initialLine);
    }

    /**
     * The stand-in for a head that could not be decoded: HTTP/1.1 rather than Netty's HTTP/1.0, so that the
     * refusal's status line carries the version this server speaks (RFC 9110 §2.5).
     */
    @Override
    protected HttpMessage createInvalidMessage() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request", Unpooled.EMPTY_BUFFER,
                headersFactory, trailersFactory);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] line, int start, int length) {
        if (length == 0) {
            throw new Refused(400, EMPTY_NAME);
        }
        return super.splitHeaderName(line, start, length);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        int from = buffer.readerIndex();
        int emitted = out.size();
        super.decode(ctx, buffer, out);
        if (inHead) {
            // The parser consumes whole lines only, so a fold never straddles two calls unseen.
            for (int i = from; i < buffer.readerIndex(); i++) {
                byte b = buffer.getByte(i);
                if (lastWasLineFeed && (b == ' ' || b == '\t') && headRefusal == null) {
                    headRefusal = new Refused(400, OBS_FOLD);
                }
                lastWasLineFeed = b == '\n';
            }
        }
        for (int i = emitted; i < out.size(); i++) {
            Object message = out.get(i);
            if (message instanceof HttpRequest request) {
                if (headRefusal != null && request.decoderResult().isSuccess()) {
                    request.setDecoderResult(DecoderResult.failure(headRefusal));
                }
                headRefusal = null;
                inHead = false;
                lastWasLineFeed = false;
            }
            boolean badContent = message instanceof HttpContent content && !(message instanceof HttpRequest)
                    && content.decoderResult().isFailure();
            if (badContent) {
                // Netty is now discarding the rest of the connection's input (its BAD_MESSAGE state).
                out.subList(i, out.size()).forEach(ReferenceCountUtil::release);
                out.subList(i, out.size()).clear();
                refuseAndClose(ctx, BAD_CHUNK);
                return;
            }
            if (message instanceof LastHttpContent) {
                inHead = true;
            }
        }
    }

    /** Written through the whole pipeline (so through Vert.x's encoder), then the connection is closed. */
    private static void refuseAndClose(ChannelHandlerContext ctx, String message) {
        byte[] body = new JsonObject().put("error", message).toBuffer().getBytes();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.DATE, HttpDate.now())
                .set(HttpHeaderNames.SERVER, VertxApp.NAME)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.channel().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
