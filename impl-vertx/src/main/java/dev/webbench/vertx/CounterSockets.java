package dev.webbench.vertx;

import dev.webbench.contract.Limits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.ServerWebSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /counter} sockets of one event loop. It forwards every count {@link CounterBroadcast}
 * publishes to its sockets and reports their joins and leaves. Everything here runs on the owning
 * verticle's event loop, so plain fields suffice.
 *
 * <p>A client that stops reading costs a bounded amount of memory and never delays the others
 * (CONTRACT.md "Protocol rules"): it is dropped once more than {@link Limits#MAX_PENDING_COUNTER_FRAMES}
 * counts or {@link Limits#MAX_PENDING_WEBSOCKET_BYTES} wait to be written to it. The bytes are Netty's
 * own measure: the socket's write-buffer high-water mark is set to that many bytes, and
 * {@code writeQueueFull()} is Netty's {@code isWritable()}. Vert.x answers every ping with a pong by
 * itself (RFC 6455 §5.5.2) and queues what the channel cannot take, so the check runs on every frame
 * the client sends as well as before every count.
 *
 * <p>Frame rules (RFC 6455 §5, §7) are Netty's decoder's, configured by Vert.x's
 * {@code HttpServerOptions}, plus Netty's {@link Utf8FrameValidator} for 1007; each failure arrives as a
 * {@link CorruptedWebSocketFrameException} that names its close code (1002, 1007, 1009).
 */
final class CounterSockets {
    private static final Logger LOG = LoggerFactory.getLogger(CounterSockets.class);
    private static final short GOING_AWAY = 1001;

    private final EventBus bus;
    /** Each open socket with its frames written but not yet flushed to the network. */
    private final Map<ServerWebSocket, Unsent> unsent = new LinkedHashMap<>();
    private final Map<ServerWebSocket, Channel> channels = new HashMap<>();

    private static final class Unsent {
        int frames;
        /** The first count sequence that includes this socket; unknown (max) until the join is answered. */
        long from = Long.MAX_VALUE;
        /** The newest count published while the join was unanswered, kept for when it is. */
        long heldSequence = -1;
        String heldCount;
    }

    CounterSockets(EventBus bus) {
        this.bus = bus;
    }

    Future<Void> start() {
        return bus.<String>localConsumer(CounterBroadcast.COUNTS, count -> forward(count.body())).completion();
    }

    /**
     * @param channel the socket's Netty channel (Vert.x Web wraps the socket, so it is taken from the
     *                upgraded HTTP connection): where the UTF-8 validator goes, and what a drop closes
     */
    void join(ServerWebSocket socket, Channel channel) {
        // Messages are read and ignored; the aggregators enforce the message size limit on fragments too.
        socket.textMessageHandler(ignored -> { });
        socket.binaryMessageHandler(ignored -> { });
        // WebSocketBase#setWriteQueueMaxSize is the channel's WriteBufferWaterMark (high = this, low = half).
        socket.setWriteQueueMaxSize(Limits.MAX_PENDING_WEBSOCKET_BYTES);
        // Runs after Vert.x has queued the pong for a ping: a client that sends but never reads stops here.
        socket.frameHandler(frame -> {
            if (!socket.isClosed() && socket.writeQueueFull()) {
                drop(socket, "more than " + Limits.MAX_PENDING_WEBSOCKET_BYTES + " bytes unsent");
            }
        });
        validateUtf8(channel.pipeline());
        channels.put(socket, channel);
        socket.exceptionHandler(failure -> closeAfter(socket, failure));
        socket.closeHandler(closed -> leave(socket));
        socket.shutdownHandler(serverStopping -> {
            // The whole server is stopping: every socket goes, so no count is worth telling.
            unsent.remove(socket);
            channels.remove(socket);
            socket.close(GOING_AWAY, "server shutting down");
        });
        Unsent pending = new Unsent();
        unsent.put(socket, pending);
        CounterBroadcast.joined(bus).onSuccess(first -> {
            if (unsent.get(socket) != pending) {
                return;
            }
            pending.from = first;
            // The counts may overtake the answer: then the newest one held back is this socket's first.
            if (pending.heldSequence >= first) {
                send(socket, pending, pending.heldCount);
            }
        }).onFailure(failure -> closeAfter(socket, failure));
    }

    private void leave(ServerWebSocket socket) {
        channels.remove(socket);
        if (unsent.remove(socket) != null) {
            CounterBroadcast.left(bus);
        }
    }

    private void forward(String published) {
        int space = published.indexOf(' ');
        long sequence = Long.parseLong(published.substring(0, space));
        String count = published.substring(space + 1);
        // A write that fails at once, or a close whose handler runs at once, takes its socket out of
        // the map while this loop runs: walk a copy, and skip a socket that has left meanwhile.
        for (ServerWebSocket socket : List.copyOf(unsent.keySet())) {
            Unsent pending = unsent.get(socket);
            if (pending == null) {
                continue;
            }
            if (pending.from == Long.MAX_VALUE) {
                pending.heldSequence = sequence;
                pending.heldCount = count;
            } else if (sequence >= pending.from) {
                send(socket, pending, count);
            }
        }
    }

    private void send(ServerWebSocket socket, Unsent pending, String count) {
        if (socket.isClosed()) {
            // Closed already, its close handler not yet run: it would find nothing left to do.
            leave(socket);
            return;
        }
        if (pending.frames >= Limits.MAX_PENDING_COUNTER_FRAMES || socket.writeQueueFull()) {
            drop(socket, pending.frames + " counts unsent");
            return;
        }
        pending.frames++;
        socket.writeTextMessage(count).onComplete(written -> {
            pending.frames--;
            if (written.failed()) {
                leave(socket);
                socket.close();
            }
        });
    }

    /**
     * A client that does not read would never read a close frame either, and Vert.x's close (also the one a
     * {@code channel.close()} reaches through Vert.x's handler, at the pipeline's end) waits for its close
     * frame to be written before it closes: the TCP connection is closed at once instead, from the
     * pipeline's first handler toward its head, which discards what is queued for the client. Vert.x then
     * sees the channel inactive and runs the close handler as for a reset.
     */
    private void drop(ServerWebSocket socket, String why) {
        Channel channel = channels.get(socket);
        if (channel == null) {
            return; // dropped already: frames read before the close still arrive
        }
        LOG.debug("dropping counter socket {}: {}", socket.remoteAddress(), why);
        leave(socket);
        channel.pipeline().firstContext().close();
    }

    /**
     * Vert.x's handshake installs Netty's frame decoder but not Netty's UTF-8 validator, which
     * {@code WebSocketServerProtocolHandler} would add; it goes right after the decoder, so text messages
     * that are not UTF-8, fragmented or not, fail with 1007 (RFC 6455 §8.1).
     */
    private static void validateUtf8(ChannelPipeline pipeline) {
        ChannelHandlerContext decoder = pipeline.context(WebSocketFrameDecoder.class);
        if (decoder != null && pipeline.get(Utf8FrameValidator.class) == null) {
            pipeline.addAfter(decoder.name(), "utf8Validator", new Utf8FrameValidator(false));
        }
    }

    /**
     * A protocol error ends the connection (RFC 6455 §7.1.7 "Fail the WebSocket Connection"): the close frame
     * with the error's code, then the TCP close (the server's WebSocket closing timeout is 0). The flush is
     * needed when the bad frame came in the same read as a good one: Vert.x then defers its flush to the end
     * of the read, and Netty's decoder error closes the channel before that, dropping the close frame.
     */
    private void closeAfter(ServerWebSocket socket, Throwable failure) {
        LOG.debug("counter socket failed: {}", failure.toString());
        Channel channel = channels.get(socket);
        leave(socket);
        WebSocketCloseStatus status = failure instanceof CorruptedWebSocketFrameException corrupted
                // Netty's decoder names the code: 1002 protocol error, 1007 invalid UTF-8, 1009 frame too big.
                ? corrupted.closeStatus()
                // Vert.x's aggregator reports a fragmented message over the limit, and nothing else, this way.
                : failure instanceof IllegalStateException ? WebSocketCloseStatus.MESSAGE_TOO_BIG : null;
        if (status == null) {
            socket.close();
        } else {
            socket.close((short) status.code(), status.reasonText());
        }
        if (channel != null) {
            channel.flush();
        }
    }
}
