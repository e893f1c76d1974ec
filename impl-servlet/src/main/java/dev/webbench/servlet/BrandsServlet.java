package dev.webbench.servlet;

import dev.webbench.jdbc.JdbcProducts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /brands}. */
final class BrandsServlet extends JsonServlet {
    private final JdbcProducts products;

    BrandsServlet(JdbcProducts products) {
        super("GET");
        this.products = products;
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeJson(response, HttpServletResponse.SC_OK, products.brands());
    }
}
