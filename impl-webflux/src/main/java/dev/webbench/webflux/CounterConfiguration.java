package dev.webbench.webflux;

import dev.webbench.contract.Limits;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The {@code /counter} WebSocket endpoint. WebFlux's own WebSocketHandlerAdapter runs the handler with the
 * service configured here.
 */
@Configuration(proxyBeanMethods = false)
class CounterConfiguration {

    @Bean
    HandlerMapping counterMapping(CounterHandler counter) {
        return new SimpleUrlHandlerMapping(Map.of("/counter", counter), Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    WebFluxConfigurer counterWebSocketService() {
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                // A client frame over the limit makes Netty close the socket with 1009 (message too big).
                return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                        () -> WebsocketServerSpec.builder().maxFramePayloadLength(Limits.MAX_WEBSOCKET_FRAME_BYTES)));
            }
        };
    }
}
