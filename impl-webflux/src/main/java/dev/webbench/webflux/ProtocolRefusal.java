package dev.webbench.webflux;

import dev.webbench.contract.RequestRules;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;

/**
 * A protocol refusal raised inside Spring (a refused {@code /counter} handshake): JsonErrorHandler answers it
 * with its headers, {@code Connection: close} among them, and Reactor Netty closes the connection after it.
 */
final class ProtocolRefusal extends ResponseStatusException {
    private final HttpHeaders headers = new HttpHeaders();

    ProtocolRefusal(RequestRules.Refusal refusal) {
        super(HttpStatusCode.valueOf(refusal.status()), refusal.message());
        headers.set(HttpHeaders.CONNECTION, "close");
        switch (refusal.message()) {
            case RequestRules.NOT_AN_UPGRADE -> headers.set(HttpHeaders.UPGRADE, "websocket"); // RFC 9110 §15.5.22
            case RequestRules.WEBSOCKET_VERSION -> headers.set("Sec-WebSocket-Version", "13"); // RFC 6455 §4.4
            default -> { }
        }
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
