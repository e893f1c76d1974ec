package dev.webbench.netty;

import dev.webbench.contract.Messages;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;

/**
 * {@link HttpObjectAggregator} whose refusals are the contract's JSON errors (its own 413 and 417 have
 * no body, Date or Server). A body over the limit is refused by {@code Content-Length} before it
 * arrives, or as soon as a chunked body crosses it.
 */
final class JsonHttpObjectAggregator extends HttpObjectAggregator {

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
        // As Netty decides: a body already half read cannot be skipped reliably, and a connection the
        // client will not reuse (or that is not reading) has nothing to keep. Otherwise the aggregator
        // discards the announced body and the connection stays usable.
        boolean close = oversized instanceof FullHttpMessage
                || !ctx.channel().config().isAutoRead()
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
        if (close) {
            HttpUtil.setKeepAlive(tooLarge, false);
        }
        ctx.writeAndFlush(tooLarge).addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
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
