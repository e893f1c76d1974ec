package dev.webbench.servlet;

import dev.webbench.contract.Limits;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;

/**
 * The {@code /counter} clients. Every join and leave tells everyone the new count with
 * asynchronous sends; a client whose unsent frames pile up past a bound is dropped, so a peer that
 * stops reading costs a bounded amount of memory and never delays the others.
 */
final class ConnectedClients {
    private final Map<Session, AtomicInteger> unsent = new ConcurrentHashMap<>();
    // Count and sends happen under one lock so that every client receives the counts in order.
    private final ReentrantLock broadcast = new ReentrantLock();

    void join(Session session) {
        unsent.put(session, new AtomicInteger());
        broadcastCount();
    }

    void leave(Session session) {
        if (unsent.remove(session) != null) {
            broadcastCount();
        }
    }

    private void broadcastCount() {
        broadcast.lock();
        try {
            String count = Integer.toString(unsent.size());
            unsent.forEach((session, pending) -> send(session, pending, count));
        } finally {
            broadcast.unlock();
        }
    }

    private void send(Session session, AtomicInteger pending, String count) {
        if (pending.incrementAndGet() > Limits.MAX_PENDING_COUNTER_FRAMES) {
            drop(session, "too slow");
            return;
        }
        try {
            session.getAsyncRemote().sendText(count, result -> {
                pending.decrementAndGet();
                if (!result.isOK()) {
                    drop(session, "send failed");
                }
            });
        } catch (RuntimeException e) {
            drop(session, "send failed");
        }
    }

    private void drop(Session session, String why) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, why));
        } catch (IOException | RuntimeException e) {
            // already broken; leaving is what matters
        }
        // The close frame waits behind the frames this client never read, so it may never leave, and the session
        // would keep its socket (the counter has no idle timeout). Jetty's abort closes the connection now.
        if (session instanceof JakartaWebSocketSession jetty) {
            jetty.abort();
        }
        // The endpoint's onClose normally does this; a broken socket may never get there.
        leave(session);
    }
}
