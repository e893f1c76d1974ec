package dev.webbench.servlet;

import dev.webbench.contract.Messages;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The default mapping: any path no route claims is 404, whatever the method. */
final class NotFoundServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonServlet.writeError(response, HttpServletResponse.SC_NOT_FOUND, Messages.NOT_FOUND);
    }
}
