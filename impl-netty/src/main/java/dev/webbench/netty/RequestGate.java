package dev.webbench.netty;

import dev.webbench.contract.RequestRules;
import dev.webbench.contract.RequestRules.Refusal;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.Optional;

/**
 * Applies the contract's {@link RequestRules} to every request head the codec decodes, before anything
 * reads its body: version, target form, canonical path, {@code Host}, {@code Transfer-Encoding} and
 * {@code Content-Length}. A refused request goes on as a failed {@link DecoderResult}, exactly like the
 * codec's own refusals, so the router answers it in its turn (pipelined requests stay in order) and the
 * connection closes after that answer. Nothing after a failed request is read: RFC 9112 §6.3 and §9.6, the
 * next byte cannot be trusted to start a request.
 *
 * <p>An absolute-form target ({@code GET http://host/time}, RFC 9112 §3.2.2: a server MUST accept it) is
 * rewritten to its origin form, so that routing and the WebSocket handshake see one spelling.
 *
 * <p>The one rule the codec cannot be asked to keep is obs-fold (RFC 9112 §5.2): {@code HttpObjectDecoder}
 * joins a header line that starts with SP or HTAB to the previous value, so no decoded header shows it.
 * {@link #foldGuard()}, in front of the codec, looks for it in the raw bytes of a head.
 */
final class RequestGate extends ChannelDuplexHandler {
    static final String MALFORMED_REQUEST_LINE = "malformed request line";
    private static final String OBS_FOLD = "obs-fold (a header line starting with SP or HTAB) is not accepted";

    // Both handlers run on the channel's event loop, so this state needs no synchronisation.
    private boolean inBody; // a head was decoded and its body is still arriving
    private boolean boundary; // the codec ended a head or a message since FoldGuard last cleared this
    private boolean refused; // a request failed, or the client asked to close: everything after it is discarded
    private boolean lastRequest; // the request being read asked to close the connection after its answer

    private final FoldGuard foldGuard = new FoldGuard();

    /** The handler to add right in front of the HTTP codec. */
    ChannelHandler foldGuard() {
        return foldGuard;
    }

    /** After a WebSocket upgrade (101) both leave the pipeline: frames are not HTTP. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        if (msg instanceof HttpResponse response && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            ctx.pipeline().remove(foldGuard);
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            boundary = true;
            inBody = !(msg instanceof LastHttpContent);
            lastRequest = !HttpUtil.isKeepAlive(request);
            Optional<Refusal> refusal = request.decoderResult().isSuccess() ? check(request) : named(request);
            if (refusal.isPresent()) {
                HttpMethod method = request.method();
                ReferenceCountUtil.release(msg);
                ctx.fireChannelRead(refused(method, refusal.get()));
                refused = true;
                return;
            }
        } else if (msg instanceof LastHttpContent) {
            boundary = true;
            inBody = false;
        }
        if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
            refused = true; // the codec's own refusal (it discards the rest of the connection too), or FoldGuard's
        }
        if (lastRequest && msg instanceof LastHttpContent) {
            // RFC 9112 §9.6: after "Connection: close" (or an HTTP/1.0 request without keep-alive) the server
            // MUST NOT process further requests; HttpServerKeepAliveHandler would answer pipelined ones first.
            refused = true;
        }
        ctx.fireChannelRead(msg);
    }

    private static Optional<Refusal> check(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        // HttpVersion.valueOf returns its constants only for the exact spellings "HTTP/1.1" and "HTTP/1.0"; any
        // other spelling of 1.0 or 1.1 (lower case "http/1.1", "HTTP/01.1") is a malformed request line (RFC 9112 §2.3).
        if (version.majorVersion() == 1 && version.minorVersion() <= 1
                && version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return Optional.of(new Refusal(400, MALFORMED_REQUEST_LINE));
        }
        HttpHeaders headers = request.headers();
        String uri = request.uri();
        Optional<Refusal> refusal = RequestRules.check(version.majorVersion(), version.minorVersion(), uri,
                headers.getAll(HttpHeaderNames.HOST), headers.getAll(HttpHeaderNames.TRANSFER_ENCODING),
                headers.getAll(HttpHeaderNames.CONTENT_LENGTH));
        if (refusal.isEmpty() && !uri.startsWith("/")) {
            int query = uri.indexOf('?');
            String path = RequestRules.path(uri);
            request.setUri(query < 0 ? path : path + uri.substring(query));
        }
        return refusal;
    }

    /**
     * The codec refuses bad framing ({@code Content-Length}, {@code Transfer-Encoding}) at the end of a head,
     * which it keeps: where the shared framing rules name that fault, it is answered in their words, as the
     * other implementations answer it. (Only the framing rules: a head cut short by a bad line has lost the
     * rest of its fields, so the target and {@code Host} stand in as valid.)
     */
    private static Optional<Refusal> named(HttpRequest failed) {
        if (failed.decoderResult().cause() instanceof TooLongFrameException) {
            return Optional.empty(); // 414 and 431, which the router names
        }
        HttpHeaders headers = failed.headers();
        return RequestRules.check(1, failed.protocolVersion().minorVersion(), "/", List.of("localhost"),
                headers.getAll(HttpHeaderNames.TRANSFER_ENCODING), headers.getAll(HttpHeaderNames.CONTENT_LENGTH));
    }

    /** A refused request, shaped like the codec's own {@code invalidMessage}: a failed, empty request. */
    private static FullHttpRequest refused(HttpMethod method, Refusal refusal) {
        DefaultFullHttpRequest failed = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/", Unpooled.EMPTY_BUFFER);
        failed.setDecoderResult(DecoderResult.failure(new RefusedRequestException(refusal)));
        return failed;
    }

    /**
     * In front of the codec. It hands each read on whole, unless a line feed followed by SP or HTAB is in it:
     * then it hands on the lines up to there one at a time, so that the codec says whether that line feed
     * ended a header line of a head still being read (obs-fold: refused) or a head, a body or nothing.
     */
    private final class FoldGuard extends ChannelInboundHandlerAdapter {
        private boolean headLineEnded; // the previous read ended with a non-empty line of a head

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (!(msg instanceof ByteBuf bytes) || !bytes.isReadable()) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                boolean afterHeadLine = headLineEnded;
                while (bytes.isReadable() && !refused) {
                    int fold = findFold(bytes, afterHeadLine);
                    if (fold < 0) {
                        boolean endsLine = endsNonEmptyLine(bytes, bytes.readerIndex(), bytes.writerIndex());
                        ctx.fireChannelRead(bytes.retain());
                        headLineEnded = endsLine && !inBody && !refused;
                        return;
                    }
                    while (bytes.readerIndex() < fold && !refused) {
                        int start = bytes.readerIndex();
                        int end = bytes.indexOf(start, fold, (byte) '\n') + 1;
                        boundary = false;
                        ctx.fireChannelRead(bytes.readRetainedSlice(end - start));
                        afterHeadLine = !inBody && !boundary && endsNonEmptyLine(bytes, start, end);
                    }
                    if (refused) {
                        return;
                    }
                    if (afterHeadLine) {
                        // RFC 9112 §5.2: a server MUST either reject obs-fold with 400 or replace it; the codec
                        // replaces it, the contract rejects it. Passed through the codec, which lets a
                        // non-ByteBuf message by, so the gate and the router treat it as one of its refusals.
                        ctx.fireChannelRead(refused(HttpMethod.GET, new Refusal(400, OBS_FOLD)));
                        return;
                    }
                    afterHeadLine = false;
                    ctx.fireChannelRead(bytes.readRetainedSlice(1)); // not a fold: the blank goes on, and so on
                }
            } finally {
                bytes.release();
            }
        }

        /** Index of a SP or HTAB that starts a line, or -1. */
        private static int findFold(ByteBuf bytes, boolean atLineStart) {
            int start = bytes.readerIndex();
            if (atLineStart && isBlank(bytes.getByte(start))) {
                return start;
            }
            int last = bytes.writerIndex() - 1;
            for (int i = start; i < last && (i = bytes.indexOf(i, last, (byte) '\n')) >= 0; i++) {
                if (isBlank(bytes.getByte(i + 1))) {
                    return i + 1;
                }
            }
            return -1;
        }

        /** True when {@code [start, end)} ends with a line feed that ends a line with something on it. */
        private static boolean endsNonEmptyLine(ByteBuf bytes, int start, int end) {
            if (end - start < 1 || bytes.getByte(end - 1) != '\n') {
                return false;
            }
            int previous = bytes.indexOf(end - 1, start, (byte) '\n'); // backwards, from end - 2 down to start
            int lineStart = previous < 0 ? start : previous + 1;
            int length = end - lineStart;
            return length > 2 || (length == 2 && bytes.getByte(lineStart) != '\r');
        }

        private static boolean isBlank(byte b) {
            return b == ' ' || b == '\t';
        }
    }

    /** A request that {@link RequestRules} refused; carried as the cause of a failed {@link DecoderResult}. */
    static final class RefusedRequestException extends RuntimeException {
        private final transient Refusal refusal;

        RefusedRequestException(Refusal refusal) {
            super(refusal.message(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
