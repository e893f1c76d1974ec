package dev.webbench.servlet;

import dev.webbench.contract.RequestRules;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's error handler (Jetty's {@code Server.setErrorHandler}): it answers what never reached a servlet, with
 * the contract's JSON error, whatever the method or {@code Accept} header (Jetty's default writes a body only for
 * GET, POST and HEAD, and in the format the client accepts).
 *
 * <p>A failure that carries an {@link HttpException} comes from the connection: Jetty's parser (a bad request
 * line, field or chunk, 414, 431, 505) or {@link RequestRulesConnectionFactory}. Those are protocol refusals: the
 * answer says {@code Connection: close}, and Jetty, which has already made the connection non-persistent, closes
 * it after writing (RFC 9112 §9.6).
 */
final class ProtocolErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        // Jetty's HttpConfiguration customizer, which names the server on every response, has not run for a request
        // the parser refused; the contract wants the name on every answer (point 6).
        response.getHeaders().put(HttpHeader.SERVER, ServletApp.NAME);
        int status = response.getStatus();
        String message = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refusal) {
            status = refusal.getCode();
            message = refusal.getReason();
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            if (RequestRules.NOT_AN_UPGRADE.equals(message)) {
                response.getHeaders().put(HttpHeader.UPGRADE, "websocket"); // RFC 9110 §15.5.22: 426 names the protocol
            } else if (RequestRules.WEBSOCKET_VERSION.equals(message)) {
                response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13"); // RFC 6455 §4.4
            }
        }
        JsonErrorHandler.write(response, callback, status, message);
        return true;
    }
}
