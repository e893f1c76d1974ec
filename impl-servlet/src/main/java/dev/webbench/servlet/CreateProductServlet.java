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
        // Refuse by declared length before buffering anything; chunked bodies are cut at the limit.
        if (request.getContentLengthLong() > Limits.MAX_BODY_BYTES) {
            refuseTooLarge(request, response, request.getContentLengthLong() > Limits.MAX_DRAINED_BODY_BYTES);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(Limits.MAX_BODY_BYTES + 1);
        if (body.length > Limits.MAX_BODY_BYTES) {
            refuseTooLarge(request, response, false);
            return;
        }
        Product created = products.create(ContractJson.readNewProduct(body));
        response.setHeader("Location", "/products/" + created.productId());
        writeJson(response, HttpServletResponse.SC_CREATED, created);
    }

    /**
     * 413. A client still sending would meet a TCP reset instead of this answer if the connection
     * closed on unread data, so a moderate remainder is read and discarded; a huge one closes.
     */
    private static void refuseTooLarge(HttpServletRequest request, HttpServletResponse response, boolean hugeDeclared) throws IOException {
        boolean drained = !hugeDeclared && drain(request.getInputStream(), Limits.MAX_DRAINED_BODY_BYTES);
        if (!drained) {
            response.setHeader("Connection", "close");
        }
        writeError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, Messages.BODY_TOO_LARGE);
    }

    /** Reads and discards up to {@code limit} bytes; true when the body ended within them. */
    private static boolean drain(java.io.InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > limit) {
                return false;
            }
        }
        return true;
    }
}
