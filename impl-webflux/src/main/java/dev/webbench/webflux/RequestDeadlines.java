package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The contract's two deadlines on a connection: a request's headers must be complete
 * {@link Limits#REQUEST_HEADER_TIMEOUT_SECONDS} after the connection was accepted or the previous answer was
 * written (an idle keep-alive connection and a slowloris client alike), and its body
 * {@link Limits#REQUEST_BODY_TIMEOUT_SECONDS} after its headers; else the connection is closed. Reactor Netty's
 * own timeouts cannot express this: its idle timeout restarts with every byte a trickling client sends, and its
 * read and request timeouts start only once the headers are decoded. While a request is being answered there
 * is no deadline here (the database has its own bounds).
 *
 * <p>Sits behind the HTTP codec, which decodes a request's headers in one piece: its decoded head is
 * when the headers were complete, its last content when the body was.
 */
final class RequestDeadlines extends ChannelDuplexHandler {
    private static final long HEAD_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_HEADER_TIMEOUT_SECONDS);
    private static final long BODY_NANOS = TimeUnit.SECONDS.toNanos(Limits.REQUEST_BODY_TIMEOUT_SECONDS);

    // All on the channel's event loop.
    private long deadline; // System.nanoTime() past which the connection closes; 0 while a request is answered
    private int unanswered; // requests decoded whose final response has not been written
    private boolean bodyOpen; // the last decoded request's body has not ended
    private boolean informational; // the response being written is a 1xx
    // At most one pending check, rescheduled lazily, so a busy connection does not schedule a task per request.
    private ScheduledFuture<?> check;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx, HEAD_NANOS); // from the accept
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            unanswered++;
            bodyOpen = true;
            arm(ctx, BODY_NANOS);
        }
        if (msg instanceof LastHttpContent) {
            bodyOpen = false;
            if (unanswered == 0) {
                arm(ctx, HEAD_NANOS); // answered already (before its body ended, or /time at once, within the read)
            } else {
                deadline = 0;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (msg instanceof LastHttpContent && !informational && unanswered > 0) {
            unanswered--;
            if (unanswered == 0 && !bodyOpen) {
                arm(ctx, HEAD_NANOS); // the next request's headers, from this answer
            }
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx, long nanos) {
        deadline = System.nanoTime() + nanos;
        if (check == null) {
            check = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        check = null;
        if (deadline == 0 || ctx.isRemoved()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            check = ctx.executor().schedule(() -> expire(ctx), left, TimeUnit.NANOSECONDS);
        } else {
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
