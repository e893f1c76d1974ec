package dev.webbench.servlet;

import dev.webbench.jackson.ContractJson;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;

/**
 * The servlet context's error handler: errors the context raises itself (an exception out of a servlet, a
 * {@code sendError}) are JSON like ours. What the connection refuses before a request reaches the context is
 * {@link ProtocolErrorHandler}'s.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
            List<Charset> charsets, int code, String message, Throwable cause) {
        writeBody(response, callback, text(code, message));
        return true;
    }

    /**
     * A JSON error written straight on a core response, for handlers in front of the servlet context, where
     * Jetty's own error path would not reach this handler's servlet-side rendering.
     */
    static void write(Response response, Callback callback, int status, String message) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("response already committed; cannot answer " + status));
            return;
        }
        response.setStatus(status);
        writeBody(response, callback, text(status, message));
    }

    private static void writeBody(Response response, Callback callback, String message) {
        byte[] body = ContractJson.error(message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString()));
        return ByteBuffer.wrap(ContractJson.error(text(status, reason)));
    }

    private static String text(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        return message == null || message.isBlank() ? reason.toLowerCase() : message;
    }
}
