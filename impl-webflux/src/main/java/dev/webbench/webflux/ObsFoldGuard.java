package dev.webbench.webflux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import reactor.netty.NettyPipeline;

/**
 * Refuses obs-fold, a header field line that starts with a space or tab and continues the previous one. RFC 9112
 * §5.2 lets a server either refuse it with 400 or unfold it; the contract chooses 400, because two parsers that
 * disagree on folding read different headers. Netty's HTTP codec always unfolds, with no option to refuse, and
 * leaves no trace of it in the decoded headers; so the bytes are looked at before it.
 *
 * <p>Two handlers share this state. The one in front of the codec hands it a request head one line at a time
 * (Netty decodes header lines as they complete, so each piece is decoded before the next is looked at) and
 * notes a line of the head that begins with SP or HTAB; a fixed-length body goes on in one piece. The one behind
 * the codec learns where heads and bodies begin and end, and marks a folded request as not decodable, which
 * {@link ProtocolRefusals} answers with 400 and a close like any other malformed request.
 */
final class ObsFoldGuard {
    private boolean inHead = true; // the next bytes belong to a request head (or precede one)
    private boolean atLineStart = true;
    private boolean requestLineSeen; // a line with content was read in this head: the request line
    private boolean folded; // a field line of this head began with whitespace
    private long bodyLeft; // bytes of a fixed-length body still to come

    private ObsFoldGuard() {
    }

    /** Adds the guard around Reactor Netty's HTTP/1.1 codec, under the two names given. */
    static void install(ChannelPipeline pipeline, String linesName, String headsName) {
        ObsFoldGuard guard = new ObsFoldGuard();
        pipeline.addBefore(NettyPipeline.HttpCodec, linesName, guard.new HeadLines());
        pipeline.addAfter(NettyPipeline.HttpCodec, headsName, guard.new Heads());
    }

    /** In front of the codec: a head goes on line by line, a fixed-length body in one piece. */
    private final class HeadLines extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf bytes)) {
                ctx.fireChannelRead(msg);
                return;
            }
            try {
                while (bytes.isReadable() && !ctx.isRemoved()) {
                    int length;
                    if (!inHead && bodyLeft > 0) {
                        length = (int) Math.min(bodyLeft, bytes.readableBytes());
                        bodyLeft -= length;
                    } else {
                        int lineFeed = bytes.indexOf(bytes.readerIndex(), bytes.writerIndex(), (byte) '\n');
                        length = lineFeed < 0 ? bytes.readableBytes() : lineFeed - bytes.readerIndex() + 1;
                        if (inHead) {
                            lookAtLine(bytes, length, lineFeed >= 0);
                        }
                    }
                    ctx.fireChannelRead(bytes.readRetainedSlice(length));
                }
            } finally {
                bytes.release();
            }
        }

        private void lookAtLine(ByteBuf bytes, int length, boolean complete) {
            byte first = bytes.getByte(bytes.readerIndex());
            if (atLineStart && requestLineSeen && (first == ' ' || first == '\t')) {
                folded = true;
            }
            if (atLineStart && first != '\r' && first != '\n') {
                requestLineSeen = true;
            }
            atLineStart = complete;
        }
    }

    /** Behind the codec: where a head ends and its body begins, and where the body ends. */
    private final class Heads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                if (folded) {
                    request.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("obs-fold")));
                }
                inHead = false;
                // Netty validated the Content-Length of a request it decoded; a failed one discards what follows.
                boolean fixedLength = request.decoderResult().isSuccess() && !HttpUtil.isTransferEncodingChunked(request);
                bodyLeft = fixedLength ? HttpUtil.getContentLength(request, 0L) : 0;
            }
            if (msg instanceof LastHttpContent) {
                inHead = true;
                atLineStart = true;
                requestLineSeen = false;
                folded = false;
                bodyLeft = 0;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
