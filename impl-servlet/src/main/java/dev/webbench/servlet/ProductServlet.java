package dev.webbench.servlet;

import dev.webbench.contract.Messages;
import dev.webbench.contract.Product;
import dev.webbench.contract.ProductId;
import dev.webbench.jdbc.JdbcProducts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code GET /products/{id}}. */
final class ProductServlet extends JsonServlet {
    private final JdbcProducts products;

    ProductServlet(JdbcProducts products) {
        super("GET");
        this.products = products;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        // Only /products/{one segment} is this route; /products and /products/1/x are unknown paths.
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            writeError(response, HttpServletResponse.SC_NOT_FOUND, Messages.NOT_FOUND);
            return;
        }
        super.service(request, response);
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int id = ProductId.parse(request.getPathInfo().substring(1));
        Optional<Product> product = products.product(id);
        if (product.isPresent()) {
            writeJson(response, HttpServletResponse.SC_OK, product.get());
        } else {
            writeError(response, HttpServletResponse.SC_NOT_FOUND, Messages.PRODUCT_NOT_FOUND);
        }
    }
}
