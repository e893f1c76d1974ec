package dev.webbench.webflux;

import dev.webbench.contract.CounterPage;
import dev.webbench.contract.Messages;
import dev.webbench.contract.ProductId;
import dev.webbench.contract.TimeOfDay;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** One method per route. Failures travel as errors to JsonErrorHandler (400, 413, 503, 500). */
@Component
final class ContractHandler {
    private static final MediaType HTML = MediaType.parseMediaType(CounterPage.CONTENT_TYPE);

    private final byte[] page = CounterPage.html();
    private final Products products;
    private final CreateProductBody bodies;

    ContractHandler(Products products, CreateProductBody bodies) {
        this.products = products;
        this.bodies = bodies;
    }

    /** {@code GET /}: the counter page. */
    Mono<ServerResponse> index(ServerRequest request) {
        return ServerResponse.ok().contentType(HTML).bodyValue(page);
    }

    /** {@code GET /time}: no database. */
    Mono<ServerResponse> time(ServerRequest request) {
        return json(ServerResponse.ok(), TimeOfDay.now());
    }

    /** {@code GET /brands}. */
    Mono<ServerResponse> brands(ServerRequest request) {
        return products.brands().flatMap(brands -> json(ServerResponse.ok(), brands));
    }

    /** {@code GET /products/{id}}. */
    Mono<ServerResponse> product(ServerRequest request) {
        return Mono.fromCallable(() -> ProductId.parse(request.pathVariable("id")))
                .flatMap(products::product)
                .flatMap(product -> json(ServerResponse.ok(), product))
                .switchIfEmpty(Mono.defer(() -> json(ServerResponse.status(HttpStatus.NOT_FOUND), new ErrorBody(Messages.PRODUCT_NOT_FOUND))));
    }

    /** {@code POST /product}: whatever the Content-Type, the body must be the contract's JSON object. */
    Mono<ServerResponse> createProduct(ServerRequest request) {
        return bodies.read(request)
                .flatMap(products::create)
                .flatMap(created -> json(ServerResponse.created(URI.create("/products/" + created.productId())), created));
    }

    private static Mono<ServerResponse> json(ServerResponse.BodyBuilder response, Object body) {
        return response.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
