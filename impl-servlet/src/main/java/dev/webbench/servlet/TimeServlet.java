package dev.webbench.servlet;

import dev.webbench.contract.TimeOfDay;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /time}: no database. */
final class TimeServlet extends JsonServlet {
    TimeServlet() {
        super("GET");
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeJson(response, HttpServletResponse.SC_OK, TimeOfDay.now());
    }
}
