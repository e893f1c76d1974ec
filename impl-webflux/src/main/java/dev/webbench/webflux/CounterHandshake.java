package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import dev.webbench.contract.RequestRules;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * WebFlux's handshake for {@code /counter}, behind the contract's own checks ({@link RequestRules#checkUpgrade}),
 * so that a request that is not a valid RFC 6455 §4.2.1 opening handshake gets the same JSON refusal as on every
 * other implementation (426 with {@code Upgrade: websocket}, 400, or 426 with {@code Sec-WebSocket-Version: 13})
 * rather than Spring's own 400. Any other method is 405 with {@code Allow: GET} (Spring would also allow
 * CONNECT, for WebSocket over HTTP/2, which this server does not speak).
 */
final class CounterHandshake extends HandshakeWebSocketService {

    CounterHandshake() {
        // A client frame over the limit makes Netty's decoder close with 1009 (message too big), RFC 6455 §7.4.1.
        super(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(Limits.MAX_WEBSOCKET_FRAME_BYTES)));
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET) {
            return Mono.error(new MethodNotAllowedException(request.getMethod(), Set.of(HttpMethod.GET)));
        }
        HttpHeaders headers = request.getHeaders();
        HttpServerRequest nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        Optional<RequestRules.Refusal> refusal = RequestRules.checkUpgrade(nativeRequest.version().minorVersion(),
                headers.getOrEmpty(HttpHeaders.UPGRADE), headers.getOrEmpty(HttpHeaders.CONNECTION),
                headers.getOrEmpty("Sec-WebSocket-Key"), headers.getOrEmpty("Sec-WebSocket-Version"));
        return refusal.<Mono<Void>>map(refused -> Mono.error(new ProtocolRefusal(refused)))
                .orElseGet(() -> super.handleRequest(exchange, handler));
    }
}
