package dev.webbench.webflux;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Pipelined requests (RFC 9112 §9.3.2) one at a time, and only while the client reads its answers. Reactor
 * Netty's HttpTrafficHandler queues the pipelined requests it decodes and answers them whether or not the client
 * reads, so their answers pile up in the outbound buffer (Netty's HttpServerCodec caps the depth at 128
 * unanswered requests, then drops the connection; 128 answers of {@code /brands} are still half a megabyte per
 * connection). Here, once a request has been read in full and its answer is not yet written, what Netty decodes
 * next is held and the socket is no longer read: {@code autoRead} goes off, which ends the read loop at once, and
 * every {@code read()} asked for while something is held (Reactor Netty turns {@code autoRead} back on as each
 * request completes) waits until the held messages are gone. The next request goes on once the previous answer
 * is written and the channel is writable again (the outbound buffer under its high-water mark, Netty's
 * {@code WriteBufferWaterMark}): a client that does not read stalls, and the kernel's socket buffers, not the
 * heap, hold what it sent.
 *
 * <p>Sits behind the HTTP codec, ahead of ProtocolRefusals.
 */
final class PipelinedRequests extends ChannelDuplexHandler {
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private boolean awaitingAnswer; // a request was passed on and its final response is not yet written
    private boolean bodyOpen; // ... and its body has not ended yet
    private boolean informational; // the response being written is a 1xx (100 Continue): not the final one
    private boolean readWanted; // a read() was held back while messages were held

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!held.isEmpty() || (awaitingAnswer && !bodyOpen)) {
            held.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        pass(ctx, msg);
    }

    private void pass(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            awaitingAnswer = true;
            bodyOpen = true;
        }
        if (msg instanceof LastHttpContent) {
            bodyOpen = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (held.isEmpty()) {
            ctx.read();
        } else {
            readWanted = true;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        ctx.write(msg, promise);
        if (msg instanceof LastHttpContent && !informational && awaitingAnswer) {
            awaitingAnswer = false;
            // Not from inside this write: the request goes on to handlers that are still writing the answer.
            ctx.executor().execute(() -> release(ctx));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        release(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private void release(ChannelHandlerContext ctx) {
        while (!held.isEmpty() && !(awaitingAnswer && !bodyOpen) && ctx.channel().isWritable() && !ctx.isRemoved()) {
            pass(ctx, held.poll());
        }
        if (held.isEmpty() && readWanted && !ctx.isRemoved()) {
            readWanted = false;
            ctx.read();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }
}
