package dev.webbench.netty;

import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.Product;
import dev.webbench.jdbc.JdbcProducts;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The routes that need the database. Each call blocks on JDBC, so it only ever runs through {@link Offload}. */
final class ProductRoutes {
    private final JdbcProducts products;

    ProductRoutes(JdbcProducts products) {
        this.products = products;
    }

    /** {@code GET /brands}. */
    FullHttpResponse brands() {
        return Responses.json(HttpResponseStatus.OK, products.brands());
    }

    /** {@code GET /products/{id}}. */
    FullHttpResponse product(int id) {
        return products.product(id)
                .map(product -> Responses.json(HttpResponseStatus.OK, product))
                .orElseGet(() -> Responses.error(HttpResponseStatus.NOT_FOUND, Messages.PRODUCT_NOT_FOUND));
    }

    /** {@code POST /product}, with a body already validated. */
    FullHttpResponse create(NewProduct product) {
        Product created = products.create(product);
        FullHttpResponse response = Responses.json(HttpResponseStatus.CREATED, created);
        response.headers().set(HttpHeaderNames.LOCATION, "/products/" + created.productId());
        return response;
    }
}
