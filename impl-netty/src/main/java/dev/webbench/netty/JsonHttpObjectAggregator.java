package dev.webbench.netty;

import dev.webbench.contract.Limits;
import dev.webbench.contract.Messages;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * {@link HttpObjectAggregator} whose refusals are the contract's JSON errors (its own 413 and 417 have
 * no body, Date or Server). A body over the limit is refused by {@code Content-Length} before it
 * arrives, or as soon as a chunked body crosses it.
 *
 * <p>After a 413 the refused body is still read and thrown away, up to {@link Limits#MAX_DRAINED_BODY_BYTES}:
 * closing on a client that is still sending makes its kernel answer with a reset, which can destroy the
 * 413 before the client reads it. Beyond that much the connection is closed regardless.
 */
final class JsonHttpObjectAggregator extends HttpObjectAggregator {
    private static final long NOT_DRAINING = -1;

    /** Bytes of a refused body thrown away before closing; {@link #NOT_DRAINING} otherwise. */
    private long drained = NOT_DRAINING;
    private ChannelFuture refusal;

    JsonHttpObjectAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        FullHttpResponse tooLarge = Responses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Messages.BODY_TOO_LARGE);
        // The connection stays when the client will reuse it and the body is announced whole (not half
        // read) and small enough to skip: the aggregator then discards it. A connection that is not
        // reading (see RequestSequencer) would never get through a body, so it closes at once.
        boolean reading = ctx.channel().config().isAutoRead();
        boolean keep = reading
                && !(oversized instanceof FullHttpMessage)
                && (HttpUtil.isKeepAlive(oversized) || HttpUtil.is100ContinueExpected(oversized))
                && HttpUtil.getContentLength(oversized, Long.MAX_VALUE) <= Limits.MAX_DRAINED_BODY_BYTES;
        if (keep) {
            ctx.writeAndFlush(tooLarge).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            return;
        }
        HttpUtil.setKeepAlive(tooLarge, false);
        refusal = ctx.writeAndFlush(tooLarge);
        if (reading) {
            drained = 0; // see channelRead
        } else {
            refusal.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** While draining, everything is thrown away; the end of the body or the drain limit closes the connection. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (drained == NOT_DRAINING) {
            super.channelRead(ctx, msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        boolean end = !(msg instanceof HttpContent) || msg instanceof LastHttpContent || drained > Limits.MAX_DRAINED_BODY_BYTES;
        ReferenceCountUtil.release(msg);
        if (end) {
            refusal.addListener(ChannelFutureListener.CLOSE); // once the 413 is out; at once if it already is
        }
    }

    /** {@code Expect: 100-continue} with a body too large (413) or another expectation (417): refused in JSON too. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (answer instanceof FullHttpResponse refusal && refusal.status().codeClass() == HttpStatusClass.CLIENT_ERROR) {
            HttpResponseStatus status = refusal.status();
            refusal.release();
            return Responses.error(status, status.equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)
                    ? Messages.BODY_TOO_LARGE : "unsupported expectation");
        }
        return answer;
    }
}
