package dev.webbench.webflux;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * From SIGTERM on, a request that arrives on a kept-alive connection is refused with a JSON 503 and
 * {@code Connection: close} before it reaches a handler. Spring's graceful shutdown waits only for the requests
 * active when it starts; one read after that ran to its INSERT and lost its connection before its 201 was written
 * (the kit's SIGTERM ledger saw such rows). Refused here, it writes nothing; the requests already in flight finish.
 * Stops just before the web server's graceful shutdown, as {@link ConnectedClients} does.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class ShutdownGate implements WebFilter, SmartLifecycle {
    private static final byte[] SHUTTING_DOWN = "{\"error\":\"shutting down\"}".getBytes(StandardCharsets.UTF_8);

    private volatile boolean running;
    private volatile boolean draining;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!draining) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(SHUTTING_DOWN.length);
        headers.setConnection("close");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(SHUTTING_DOWN)));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
