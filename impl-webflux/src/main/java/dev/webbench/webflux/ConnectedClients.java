package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * The {@code /counter} clients. Every join and leave tells everyone the new count. Each client has a bounded
 * outbox of unsent counts; one that fills up (the client stopped reading) is dropped, so a stuck peer costs
 * bounded memory and never delays the others.
 *
 * <p>All changes run one after another on a single thread: counts reach every client in order, and a leave
 * triggered while a broadcast is under way (a send failing at once) waits its turn instead of interleaving.
 *
 * <p>As a lifecycle bean it closes every client with 1001 (going away) when the application stops, ahead of
 * the web server's graceful shutdown, which then only waits for in-flight HTTP requests.
 */
@Component
final class ConnectedClients implements SmartLifecycle {
    private static final CloseStatus TOO_SLOW = CloseStatus.SERVICE_OVERLOAD.withReason("too slow");

    private final Scheduler serial = Schedulers.newSingle("counter", true);
    // Confined to the serial thread.
    private final Map<WebSocketSession, Sinks.Many<String>> outboxes = new LinkedHashMap<>();
    private boolean closing;
    private volatile boolean running;

    /** Registers {@code session} and tells everyone the new count; returns the counts to send to it. */
    Flux<String> join(WebSocketSession session) {
        Sinks.Many<String> outbox = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<String>get(Limits.MAX_PENDING_COUNTER_FRAMES).get());
        serial.schedule(() -> {
            if (closing) {
                session.close(CloseStatus.GOING_AWAY).subscribe();
                return;
            }
            outboxes.put(session, outbox);
            broadcast();
        });
        return outbox.asFlux();
    }

    /** Forgets {@code session} (closed, failed or dropped) and tells the others; repeated calls are harmless. */
    void leave(WebSocketSession session) {
        serial.schedule(() -> {
            if (outboxes.remove(session) != null && !closing) {
                broadcast();
            }
        });
    }

    private void broadcast() {
        String count = Integer.toString(outboxes.size());
        List<WebSocketSession> tooSlow = new ArrayList<>(0);
        outboxes.forEach((session, outbox) -> {
            if (outbox.tryEmitNext(count).isFailure()) {
                tooSlow.add(session);
            }
        });
        if (!tooSlow.isEmpty()) {
            tooSlow.forEach(session -> {
                outboxes.remove(session);
                session.close(TOO_SLOW).subscribe();
            });
            broadcast(); // the count changed again
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        serial.schedule(() -> {
            closing = true;
            List<Mono<Void>> closes = new ArrayList<>(outboxes.size());
            // The outboxes stay open: a completed one would end the handler, and Reactor Netty would close
            // the socket without a status before our 1001 went out.
            outboxes.keySet().forEach(session -> closes.add(session.close(CloseStatus.GOING_AWAY)));
            outboxes.clear();
            running = false;
            Mono.when(closes).onErrorComplete().doFinally(signal -> {
                serial.dispose();
                callback.run();
            }).subscribe();
        });
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown, which would otherwise wait on the open sockets. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
