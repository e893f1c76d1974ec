package dev.webbench.webflux;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;

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
                return new CounterHandshake();
            }
        };
    }
}
