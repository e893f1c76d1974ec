package dev.webbench.servlet;

import dev.webbench.contract.Limits;
import dev.webbench.contract.Messages;
import dev.webbench.contract.Product;
import dev.webbench.jackson.ContractJson;
import dev.webbench.jdbc.JdbcProducts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /product}: whatever the Content-Type, the body must be the contract's JSON object. */
final class CreateProductServlet extends JsonServlet {
    private final JdbcProducts products;

    CreateProductServlet(JdbcProducts products) {
        super("POST");
        this.products = products;
    }

    @Override
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Refuse by declared length before reading anything; chunked bodies are cut at the limit.
        if (request.getContentLengthLong() > Limits.MAX_BODY_BYTES) {
            writeError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, Messages.BODY_TOO_LARGE);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(Limits.MAX_BODY_BYTES + 1);
        if (body.length > Limits.MAX_BODY_BYTES) {
            writeError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, Messages.BODY_TOO_LARGE);
            return;
        }
        Product created = products.create(ContractJson.readNewProduct(body));
        response.setHeader("Location", "/products/" + created.productId());
        writeJson(response, HttpServletResponse.SC_CREATED, created);
    }
}
