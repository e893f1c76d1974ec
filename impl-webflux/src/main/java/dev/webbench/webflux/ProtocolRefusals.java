package dev.webbench.webflux;

import dev.webbench.contract.HttpDate;
import dev.webbench.contract.RequestRules;
import dev.webbench.contract.RequestRules.Refusal;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's protocol refusals, answered before Reactor Netty or Spring see the request: what Netty's
 * HTTP codec could not decode (a malformed request line or header, 414, 431, a bad chunk) and what
 * {@link RequestRules#check} refuses (version, target form, canonical path, Host, Transfer-Encoding and
 * Content-Length), checked on the request-target and field lines exactly as sent. Each refusal is the
 * contract's JSON error with {@code Connection: close}, and the connection closes once it is written: after a
 * framing error the next byte cannot be trusted to start a request (RFC 9112 §6.3, §9.6). Anything the client
 * sends after it is discarded.
 *
 * <p>Sits behind {@link PipelinedRequests}, so a refusal among pipelined requests is the answer that follows
 * the previous one, and the last on the connection.
 */
final class ProtocolRefusals extends ChannelDuplexHandler {
    static final String MALFORMED_REQUEST = "malformed request";
    static final String REQUEST_LINE_TOO_LONG = "request line too long";
    static final String HEADERS_TOO_LARGE = "request header fields too large";

    private final JsonMapper json;
    private boolean refused; // the connection is closing: nothing more is read
    private boolean answering; // the current request's response has begun

    ProtocolRefusals(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Optional<Refusal> refusal = Optional.empty();
        if (msg instanceof HttpRequest request) {
            answering = false;
            // A line or header section over the limit first; then the shared rules, on what Netty did decode,
            // so that a request Netty also refuses gets the same words as on every implementation.
            refusal = tooLong(request.decoderResult()).or(() -> check(request)).or(() -> decodingFailure(request.decoderResult()));
        } else if (msg instanceof DecoderResultProvider content) {
            // A chunk size or terminator Netty could not parse (RFC 9112 §7.1).
            refusal = content.decoderResult().isFailure() ? Optional.of(new Refusal(400, RequestRules.BAD_FRAMING)) : Optional.empty();
        }
        if (refusal.isEmpty()) {
            if (msg instanceof HttpRequest request) {
                toOriginForm(request);
            }
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        refused = true;
        ctx.channel().config().setAutoRead(false);
        if (answering) {
            ctx.close(); // the request already has (part of) an answer: a second one would corrupt the stream
        } else {
            ctx.writeAndFlush(response(refusal.get())).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            answering = true;
            // An answer after which the connection closes says so, HTTP/1.0 included: there Reactor Netty drops
            // the header (Netty's HttpUtil.setKeepAlive), closing being HTTP/1.0's default (RFC 9112 §9.3).
            if (!HttpUtil.isKeepAlive(response)) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        ctx.write(msg, promise);
    }

    private static Optional<Refusal> check(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        HttpHeaders headers = request.headers();
        return RequestRules.check(version.majorVersion(), version.minorVersion(), request.uri(),
                headers.getAll(HttpHeaderNames.HOST), headers.getAll(HttpHeaderNames.TRANSFER_ENCODING),
                headers.getAll(HttpHeaderNames.CONTENT_LENGTH));
    }

    /**
     * RFC 9112 §3.2.2: a server MUST accept the absolute-form ({@code http://host/time?q}); what is routed is its
     * path and query, and an empty path is {@code /}. Spring would route on the empty path instead.
     */
    private static void toOriginForm(HttpRequest request) {
        String target = request.uri();
        String path = RequestRules.path(target);
        if (path != null && !target.startsWith("/")) {
            int query = target.indexOf('?');
            request.setUri(path + (query < 0 ? "" : target.substring(query)));
        }
    }

    private static Optional<Refusal> tooLong(DecoderResult result) {
        Throwable cause = result.cause();
        if (cause instanceof TooLongHttpLineException) {
            return Optional.of(new Refusal(414, REQUEST_LINE_TOO_LONG)); // RFC 9112 §3
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Optional.of(new Refusal(431, HEADERS_TOO_LARGE)); // RFC 6585 §5
        }
        return Optional.empty();
    }

    /** Netty's codec marks what it could not decode (HttpObjectDecoder: "invalid message") instead of throwing. */
    private static Optional<Refusal> decodingFailure(DecoderResult result) {
        return result.isFailure() ? Optional.of(new Refusal(400, MALFORMED_REQUEST)) : Optional.empty(); // RFC 9112 §2.2, §5, §7.1
    }

    private FullHttpResponse response(Refusal refusal) {
        byte[] body = json.writeValueAsBytes(new ErrorBody(refusal.message()));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(refusal.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.DATE, HttpDate.now())
                .set(HttpHeaderNames.SERVER, WebfluxApp.NAME)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
