package dev.webbench.webflux;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error, the application's and Spring's own (no route 404, wrong method 405 with Allow, 413, a
 * refused WebSocket handshake), as the contract's JSON. Runs ahead of WebFlux's status-only handler.
 */
@Component
@Order(-2)
final class JsonErrorHandler implements WebExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    private final JsonMapper json;

    JsonErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status;
        String message;
        if (error instanceof InvalidInputException) {
            status = HttpStatus.BAD_REQUEST;
            message = error.getMessage();
        } else if (error instanceof DatabaseUnavailableException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = DatabaseUnavailableException.MESSAGE;
        } else if (error instanceof ResponseStatusException spring) {
            status = spring.getStatusCode();
            message = message(spring);
            response.getHeaders().addAll(spring.getHeaders()); // Allow, for 405
        } else {
            LOG.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = Messages.INTERNAL_ERROR;
        }
        byte[] body = json.writeValueAsBytes(new ErrorBody(message));
        HttpHeaders headers = response.getHeaders();
        response.setStatusCode(status);
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String message(ResponseStatusException error) {
        return switch (error.getStatusCode().value()) {
            case 404 -> Messages.NOT_FOUND;
            case 405 -> Messages.METHOD_NOT_ALLOWED;
            case 413 -> Messages.BODY_TOO_LARGE;
            default -> error.getReason() != null ? error.getReason()
                    : error.getStatusCode() instanceof HttpStatus known ? known.getReasonPhrase() : "error";
        };
    }
}
