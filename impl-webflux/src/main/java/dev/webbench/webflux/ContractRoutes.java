package dev.webbench.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.methods;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/** The contract's HTTP routes. A path with no route is Spring's 404; JsonErrorHandler makes it JSON. */
@Configuration(proxyBeanMethods = false)
class ContractRoutes {
    private static final List<HttpMethod> GET = List.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final List<HttpMethod> POST = List.of(HttpMethod.POST);

    @Bean
    RouterFunction<ServerResponse> routes(ContractHandler handler) {
        return only(GET, "/", handler::index)
                .and(only(GET, "/time", handler::time))
                .and(only(GET, "/brands", handler::brands))
                .and(only(GET, "/products/{id}", handler::product))
                .and(only(POST, "/product", handler::createProduct));
    }

    /**
     * A route for {@code path} with {@code allowed} methods. Functional routes have no 405 of their own (another
     * method simply matches nothing, which is 404), so every other method on the path gets 405 with Allow here.
     */
    private static RouterFunction<ServerResponse> only(List<HttpMethod> allowed, String path, HandlerFunction<ServerResponse> handler) {
        return route(methods(allowed.toArray(HttpMethod[]::new)).and(path(path)), handler)
                .andRoute(path(path), request -> Mono.error(new MethodNotAllowedException(request.method(), allowed)));
    }
}
