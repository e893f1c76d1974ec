package dev.webbench.servlet;

import dev.webbench.contract.CounterPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /}: the counter page. */
final class IndexServlet extends JsonServlet {
    private final byte[] page = CounterPage.html();

    IndexServlet() {
        super("GET");
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CounterPage.CONTENT_TYPE);
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
