package dev.webbench.webflux;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/** {@code /counter}: joins on connect and leaves when either direction ends; client messages are read and ignored. */
@Component
final class CounterHandler implements WebSocketHandler {
    private final ConnectedClients clients;

    CounterHandler(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        Mono<Void> output = session.send(clients.join(session).map(session::textMessage));
        // Reading is what notices a close frame or a reset; the messages themselves are dropped.
        Mono<Void> input = session.receive().then();
        return Mono.firstWithSignal(input, output).doFinally(signal -> clients.leave(session));
    }
}
