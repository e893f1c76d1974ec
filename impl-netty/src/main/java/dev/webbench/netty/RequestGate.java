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
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import java.util.Collections;
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
 * <p>Two rules the codec cannot be asked to keep: obs-fold (RFC 9112 §5.2), since {@code HttpObjectDecoder}
 * joins a header line that starts with SP or HTAB to the previous value, so no decoded header shows it; and a
 * bare CR in the request line (§2.2), which its line parser takes for a space. {@link #lineGuard()}, in front
 * of the codec, looks for both in the raw bytes of a head.
 */
final class RequestGate extends ChannelDuplexHandler {
    private static final String OBS_FOLD = "obs-fold (a header line starting with SP or HTAB) is not accepted";
    private static final String BARE_CR = "a CR not followed by LF in a request head";

    // Both handlers run on the channel's event loop, so this state needs no synchronisation.
    private boolean inBody; // a head was decoded and its body is still arriving
    private boolean boundary; // the codec ended a head or a message since LineGuard last cleared this
    private boolean refused; // a request failed, or the client asked to close: everything after it is discarded
    private boolean lastRequest; // the request being read asked to close the connection after its answer

    private final LineGuard lineGuard = new LineGuard();

    /** The handler to add right in front of the HTTP codec. */
    ChannelHandler lineGuard() {
        return lineGuard;
    }

    /**
     * After a WebSocket upgrade (101) both leave the pipeline: frames are not HTTP. The handshaker's 101 gets
     * the {@code Date} and {@code Server} that every response carries (contract point 6) on its way out.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean upgraded = msg instanceof HttpResponse response
                && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status());
        if (upgraded) {
            Responses.stamp((HttpResponse) msg);
        }
        ctx.write(msg, promise);
        if (upgraded) {
            ctx.pipeline().remove(lineGuard);
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
            refused = true; // the codec's own refusal (it discards the rest of the connection too), or LineGuard's
        }
        if (lastRequest && msg instanceof LastHttpContent) {
            // RFC 9112 §9.6: after "Connection: close" (or an HTTP/1.0 request without keep-alive) the server
            // MUST NOT process further requests; HttpServerKeepAliveHandler would answer pipelined ones first.
            refused = true;
        }
        ctx.fireChannelRead(msg);
    }

    private static Optional<Refusal> check(HttpRequest request) {
        // The codec reads a lower-case "http/1.1" as HTTP/1.1, which RFC 9112 §3 allows and the contract leaves open.
        HttpVersion version = request.protocolVersion();
        HttpHeaders headers = request.headers();
        String uri = request.uri();
        Optional<Refusal> refusal = RequestRules.check(version.majorVersion(), version.minorVersion(), uri,
                headers.getAll(HttpHeaderNames.HOST), headers.getAll(HttpHeaderNames.TRANSFER_ENCODING),
                contentLengths(headers));
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

    /** Every Content-Length line as sent, as far as the codec's merging of HTTP/1.0 lines lets it be told. */
    private static List<String> contentLengths(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        int lines = FieldLineCounter.contentLengthLines(headers);
        return lines > values.size() ? Collections.nCopies(lines, values.getFirst()) : values;
    }

    /** A refused request, shaped like the codec's own {@code invalidMessage}: a failed, empty request. */
    private static FullHttpRequest refused(HttpMethod method, Refusal refusal) {
        DefaultFullHttpRequest failed = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/", Unpooled.EMPTY_BUFFER);
        failed.setDecoderResult(DecoderResult.failure(new RefusedRequestException(refusal)));
        return failed;
    }

    /**
     * In front of the codec. It hands each read on whole, unless it holds a line feed followed by SP or HTAB, or
     * a bare CR (RFC 9112 §2.2: a CR not followed by LF): then it hands on the lines before that one at a time, so
     * that the codec says whether the suspect byte lies in a head (refused: obs-fold, or a bare CR in a request
     * line, which the codec would read as a space) or in a body, where both are just data.
     */
    private final class LineGuard extends ChannelInboundHandlerAdapter {
        private boolean headLineEnded; // the previous read ended with a non-empty line of a head
        private byte previous; // the byte before the one findSuspect looks at
        private final ByteProcessor innocent = b -> {
            boolean suspect = (previous == '\n' && isBlank(b)) || (previous == '\r' && b != '\n');
            previous = b;
            return !suspect;
        };

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
                    int suspect = findSuspect(bytes, afterHeadLine);
                    if (suspect < 0) {
                        boolean endsLine = endsNonEmptyLine(bytes, bytes.readerIndex(), bytes.writerIndex());
                        ctx.fireChannelRead(bytes.retain());
                        headLineEnded = endsLine && !inBody && !refused;
                        return;
                    }
                    boolean bareCr = bytes.getByte(suspect) == '\r';
                    int lineStart = bareCr ? bytes.indexOf(suspect, bytes.readerIndex(), (byte) '\n') + 1 : suspect;
                    while (bytes.readerIndex() < lineStart && !refused) {
                        int start = bytes.readerIndex();
                        int end = bytes.indexOf(start, lineStart, (byte) '\n') + 1;
                        boundary = false;
                        ctx.fireChannelRead(bytes.readRetainedSlice(end - start));
                        afterHeadLine = !inBody && !boundary && endsNonEmptyLine(bytes, start, end);
                    }
                    if (refused) {
                        return;
                    }
                    if (bareCr ? !inBody : afterHeadLine) {
                        // RFC 9112 §5.2: a server MUST either reject obs-fold with 400 or replace it; the codec
                        // replaces it, the contract rejects it (and a bare CR, §2.2). Passed through the codec,
                        // which lets a non-ByteBuf message by, so the gate and the router treat it as one of its
                        // own refusals.
                        ctx.fireChannelRead(refused(HttpMethod.GET, new Refusal(400, bareCr ? BARE_CR : OBS_FOLD)));
                        return;
                    }
                    afterHeadLine = false;
                    // Body bytes: handed on up to the suspect byte, then the search goes on behind it.
                    ctx.fireChannelRead(bytes.readRetainedSlice(suspect + 1 - bytes.readerIndex()));
                }
            } finally {
                bytes.release();
            }
        }

        /** Index of a SP or HTAB that starts a line, or of a CR followed by something else than LF; or -1. */
        private int findSuspect(ByteBuf bytes, boolean atLineStart) {
            previous = atLineStart ? (byte) '\n' : 0;
            // A CR at the very end of a read is not judged: what follows it is not known yet.
            int found = bytes.forEachByte(innocent);
            if (found < 0) {
                return -1;
            }
            return isBlank(bytes.getByte(found)) && (found == bytes.readerIndex() || bytes.getByte(found - 1) == '\n')
                    ? found : found - 1;
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
