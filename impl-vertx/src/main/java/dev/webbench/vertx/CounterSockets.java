package dev.webbench.vertx;

import dev.webbench.contract.Limits;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.ServerWebSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /counter} sockets of one event loop. It forwards every count {@link CounterBroadcast}
 * publishes to its sockets and reports their joins and leaves. Everything here runs on the owning
 * verticle's event loop, so plain fields suffice. A socket whose unsent frames pile up is dropped:
 * a client that stops reading costs a bounded amount of memory and never delays the others.
 */
final class CounterSockets {
    private static final Logger LOG = LoggerFactory.getLogger(CounterSockets.class);
    private static final short GOING_AWAY = 1001;
    private static final short MESSAGE_TOO_BIG = 1009;
    private static final short TRY_AGAIN_LATER = 1013;

    private final EventBus bus;
    /** Each open socket with its frames written but not yet flushed to the network. */
    private final Map<ServerWebSocket, Unsent> unsent = new LinkedHashMap<>();

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

    void join(ServerWebSocket socket) {
        // Messages are read and ignored; the aggregators enforce the message size limit on fragments too.
        socket.textMessageHandler(ignored -> { });
        socket.binaryMessageHandler(ignored -> { });
        socket.exceptionHandler(failure -> closeAfter(socket, failure));
        socket.closeHandler(closed -> leave(socket));
        socket.shutdownHandler(serverStopping -> {
            // The whole server is stopping: every socket goes, so no count is worth telling.
            unsent.remove(socket);
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
            leave(socket);
            socket.close(TRY_AGAIN_LATER, "too slow");
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

    private void closeAfter(ServerWebSocket socket, Throwable failure) {
        // A frame over the limit fails in Netty's decoder; a fragmented message over it in Vert.x's
        // aggregator, which reports nothing else as an IllegalStateException.
        boolean tooBig = failure instanceof CorruptedWebSocketFrameException corrupted
                ? corrupted.closeStatus().code() == MESSAGE_TOO_BIG
                : failure instanceof IllegalStateException;
        LOG.debug("counter socket failed: {}", failure.toString());
        leave(socket);
        if (tooBig) {
            socket.close(MESSAGE_TOO_BIG, "message too big");
        } else {
            socket.close();
        }
    }
}
