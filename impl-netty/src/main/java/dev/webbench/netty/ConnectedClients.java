package dev.webbench.netty;

import dev.webbench.contract.Limits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code /counter} clients and their unsent frames. Every join and leave tells everyone the new
 * count. Sends never block: each is a task on the client's own event loop. A client with more than
 * {@link Limits#MAX_PENDING_COUNTER_FRAMES} frames not yet handed to its socket is closed rather than
 * buffered further, so a peer that stops reading never delays the others.
 */
final class ConnectedClients {
    private final Map<Channel, AtomicInteger> unsent = new ConcurrentHashMap<>();
    // Count and enqueue happen under one lock, and every send goes through its loop's task queue (even
    // from that loop), so each client gets the counts in the order they were taken: never a stale one last.
    private final ReentrantLock broadcast = new ReentrantLock();
    private boolean closing;

    void join(Channel channel) {
        List<Channel> laggards;
        broadcast.lock();
        try {
            if (closing) {
                goingAway(channel);
                return;
            }
            unsent.put(channel, new AtomicInteger());
            laggards = broadcastCount();
        } finally {
            broadcast.unlock();
        }
        laggards.forEach(Channel::close);
    }

    /** True for a joined {@code /counter} client, false for a plain HTTP connection. */
    boolean isMember(Channel channel) {
        return unsent.containsKey(channel);
    }

    void leave(Channel channel) {
        if (!unsent.containsKey(channel)) {
            return; // a plain HTTP connection: no lock taken
        }
        List<Channel> laggards;
        broadcast.lock();
        try {
            if (unsent.remove(channel) == null || closing) {
                return;
            }
            laggards = broadcastCount();
        } finally {
            broadcast.unlock();
        }
        laggards.forEach(Channel::close); // each then leaves, and the others hear of it
    }

    /** Graceful stop: every client gets a 1001 close frame; waits up to {@code millis} for the sockets to close. */
    void closeAll(long millis) {
        List<Channel> channels;
        broadcast.lock();
        try {
            closing = true;
            channels = new ArrayList<>(unsent.keySet());
            unsent.clear();
        } finally {
            broadcast.unlock();
        }
        List<ChannelFuture> closed = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            closed.add(goingAway(channel));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ChannelFuture future : closed) {
            future.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private static ChannelFuture goingAway(Channel channel) {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE))
                .addListener(ChannelFutureListener.CLOSE);
        return channel.closeFuture();
    }

    // Lock held. Returns the clients over their bound, to be closed once the lock is released.
    private List<Channel> broadcastCount() {
        String count = Integer.toString(unsent.size());
        List<Channel> laggards = List.of();
        for (Map.Entry<Channel, AtomicInteger> client : unsent.entrySet()) {
            if (!send(client.getKey(), client.getValue(), count)) {
                laggards = laggards.isEmpty() ? new ArrayList<>() : laggards;
                laggards.add(client.getKey());
            }
        }
        return laggards;
    }

    private static boolean send(Channel channel, AtomicInteger pending, String count) {
        if (pending.incrementAndGet() > Limits.MAX_PENDING_COUNTER_FRAMES) {
            return false;
        }
        try {
            channel.eventLoop().execute(() -> channel.writeAndFlush(new TextWebSocketFrame(count))
                    .addListener((ChannelFutureListener) future -> {
                        pending.decrementAndGet();
                        if (!future.isSuccess()) {
                            future.channel().close();
                        }
                    }));
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }
}
