package dev.webbench.servlet;

import dev.webbench.contract.Messages;
import dev.webbench.contract.RequestRules;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /counter} for what the WebSocket upgrade filter passes on: other methods get 405 with {@code Allow: GET}
 * (RFC 9110 §15.5.6). A {@code GET} without a valid handshake is refused earlier, by
 * {@link RequestRulesConnectionFactory}; should one get here, it is answered the same way (426).
 */
final class CounterServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            JsonServlet.writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, Messages.METHOD_NOT_ALLOWED);
            return;
        }
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "close");
        JsonServlet.writeError(response, 426, RequestRules.NOT_AN_UPGRADE);
    }
}
