package dev.webbench.servlet;

import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.jackson.ContractJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet for one route: it answers 405 with {@code Allow} for other methods, and turns the
 * contract's exceptions into JSON errors (400, 503, else 500), so subclasses write only the happy path.
 */
abstract class JsonServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(JsonServlet.class);

    private final String method;

    JsonServlet(String method) {
        this.method = method;
    }

    /** Handles the route's one method. */
    abstract void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!method.equals(request.getMethod()) && !("GET".equals(method) && "HEAD".equals(request.getMethod()))) {
            response.setHeader("Allow", "GET".equals(method) ? "GET, HEAD" : method);
            writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, Messages.METHOD_NOT_ALLOWED);
            return;
        }
        try {
            handle(request, response);
        } catch (InvalidInputException e) {
            writeError(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        } catch (DatabaseUnavailableException e) {
            writeError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            writeError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, Messages.INTERNAL_ERROR);
        }
    }

    static void writeJson(HttpServletResponse response, int status, Object body) throws IOException {
        write(response, status, ContractJson.write(body));
    }

    static void writeError(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, ContractJson.error(message));
    }

    private static void write(HttpServletResponse response, int status, byte[] json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

}
