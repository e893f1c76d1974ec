package dev.webbench.webflux;

import dev.webbench.contract.HttpDate;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Server} and {@code Date} on every response (Reactor Netty sends no Date). They are set when the
 * response commits, so the responses JsonErrorHandler writes after a failure carry them too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ServerHeaders implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.set(HttpHeaders.SERVER, WebfluxApp.NAME);
            headers.set(HttpHeaders.DATE, HttpDate.now());
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
