package dev.webbench.vertx;

import dev.webbench.config.AppConfig;
import dev.webbench.contract.CounterPage;
import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.HttpDate;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Limits;
import dev.webbench.contract.Messages;
import dev.webbench.contract.ProductId;
import dev.webbench.contract.RequestRules;
import dev.webbench.contract.TimeOfDay;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of the server: the contract's routes on a Vert.x Web {@link Router}, its
 * own pipelined database client, and the {@code /counter} sockets accepted on this loop.
 * {@link VertxApp} deploys one instance per event loop; they all listen on the same port.
 *
 * <p>A database that is down does not fail the start (the pool connects lazily; {@link VertxApp}
 * logs it as unreachable): requests that need it answer 503, bounded as {@link ProductsRepository}
 * says, and the pool, which evicts broken connections, connects again by itself once it is back.
 * Stop lets in-flight requests finish, closes the counter sockets with 1001, then closes the pool.
 *
 * <p>Hostile HTTP is refused here too, in the order a request meets the rules: Vert.x's decoder, with
 * the rules {@link ContractRequestDecoder} adds, refuses malformed or oversized heads (answered by
 * {@link #handleInvalidRequest}); {@link RequestRules#check} refuses what the decoder lets through
 * (target form, path, Host, framing headers); {@link RequestDeadline} cuts clients that trickle their
 * heads or bodies; {@link BoundedBody} refuses oversized bodies. Protocol refusals close the connection,
 * application ones (404, 405, 413 within the drain limit, a bad id or body, 503) keep it.
 */
final class HttpVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    private static final CharSequence SERVER = HttpHeaders.createOptimized(VertxApp.NAME);
    /** Per connection; Linux doubles it for its own bookkeeping. */
    private static final int SEND_BUFFER_BYTES = 64 * 1024;

    /** The codec limits of CONTRACT.md "Limits" and its WebSocket rules, enforced by Vert.x's (Netty's) own codecs. */
    private final HttpServerOptions options = new HttpServerOptions()
            // The contract is HTTP/1.1, and an HTTP/2 preface is a 505 (CONTRACT.md "Protocol rules"). With h2c
            // on, Vert.x would also sniff every connection for the preface and report it to the connection
            // handler only once its first request head is complete, too late for the RequestDeadline.
            .setHttp2ClearTextEnabled(false)
            // NetServerOptions#setSendBufferSize (SO_SNDBUF): a fixed kernel send buffer instead of Linux's autotuning
            // up to 4 MiB (tcp_wmem). Vert.x starts a pipelined request only once the previous response has gone to
            // the channel, and stops reading meanwhile; a client that pipelines without reading is thus served as many
            // responses as fit this buffer and Netty's 64 KiB write queue (about 40 of /brands), not 4 MiB worth
            // (about 900), each a database query taken from everyone else. The largest response is 5 KiB.
            .setSendBufferSize(SEND_BUFFER_BYTES)
            // HttpServerOptions#setMaxInitialLineLength: Netty's TooLongHttpLineException past it, answered 414.
            .setMaxInitialLineLength(Limits.MAX_REQUEST_LINE_BYTES)
            // HttpServerOptions#setMaxHeaderSize: the whole header section; TooLongHttpHeaderException, 431.
            .setMaxHeaderSize(Limits.MAX_HEADER_BYTES)
            // RFC 6455 §7.4.1 1009: Netty's frame decoder refuses a frame, Vert.x's aggregator a message.
            .setMaxWebSocketFrameSize(Limits.MAX_WEBSOCKET_FRAME_BYTES)
            .setMaxWebSocketMessageSize(Limits.MAX_WEBSOCKET_FRAME_BYTES)
            // No extension is negotiated, so Netty's decoder refuses RSV bits with 1002 (RFC 6455 §5.2); Vert.x
            // offers permessage-deflate by default and would let them through.
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            // HttpServerOptions#setWebSocketClosingTimeout: 0 closes the TCP connection as soon as the server's close
            // frame is written (CONTRACT.md: "After its close frame it closes the TCP connection"; RFC 6455 §7.1.1:
            // the server closes TCP first), instead of waiting up to 10 s for the client's close frame.
            .setWebSocketClosingTimeout(0);

    private final AppConfig config;
    private final int connections;
    private final int pipelining;
    private SqlClient database;
    private ProductsRepository products;
    private CounterSockets counter;
    private RequestDeadline deadline;
    private HttpServer server;

    /** @param connections this event loop's share of the process's connections; {@code pipelining} per connection */
    HttpVerticle(AppConfig config, int connections, int pipelining) {
        this.config = config;
        this.connections = connections;
        this.pipelining = pipelining;
    }

    @Override
    public Future<?> start() {
        database = Database.client(vertx, config, connections, pipelining);
        products = new ProductsRepository(database, config.dbTimeout());
        counter = new CounterSockets(vertx.eventBus());
        deadline = new RequestDeadline(vertx);
        Router router = router();
        server = vertx.createHttpServer(options)
                .connectionHandler(this::handleConnection)
                .requestHandler(request -> handleRequest(router, request))
                .invalidRequestHandler(this::handleInvalidRequest);
        // A negative port is Vert.x's "any free port, shared by every instance"; 0 would give each its own.
        int port = config.port() == 0 ? -1 : config.port();
        return counter.start().compose(subscribed -> server.listen(port));
    }

    @Override
    public Future<?> stop() {
        return server.shutdown(Limits.SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .eventually(() -> database.close());
    }

    int actualPort() {
        return server.actualPort();
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(deadline::requestBegan);
        route(router, HttpMethod.GET, "/", this::handleIndex);
        route(router, HttpMethod.GET, "/time", this::handleTime);
        route(router, HttpMethod.GET, "/brands", this::handleBrands);
        route(router, HttpMethod.GET, "/products/:id", this::handleProduct);
        route(router, HttpMethod.POST, "/product", this::handleCreateProduct);
        route(router, HttpMethod.GET, "/counter", this::handleCounter, "GET");
        router.route().failureHandler(this::handleFailure);
        router.errorHandler(404, context -> Replies.error(context.response(), 404, Messages.NOT_FOUND));
        return router;
    }

    /**
     * Routes {@code method path} to its handler (a GET route takes HEAD too; Vert.x then sends no
     * body), and any other method on that path to a 405 with Allow. Vert.x Web would answer 405 by
     * itself, but its error handlers are not told which methods the path allows.
     */
    private static void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
        Route route = router.route(method, path).handler(handler);
        if (method == HttpMethod.GET) {
            route.method(HttpMethod.HEAD);
        }
        allowOnly(router, path, method == HttpMethod.GET ? "GET, HEAD" : method.name());
    }

    /** A route that takes exactly {@code allow} (the WebSocket endpoint: GET, and no HEAD). */
    private static void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler,
            String allow) {
        router.route(method, path).handler(handler);
        allowOnly(router, path, allow);
    }

    private static void allowOnly(Router router, String path, String allow) {
        router.route(path).handler(context -> {
            context.response().putHeader(HttpHeaders.ALLOW, allow);
            Replies.error(context.response(), 405, Messages.METHOD_NOT_ALLOWED);
        });
    }

    private void handleIndex(RoutingContext context) {
        Replies.send(context.response(), 200, CounterPage.CONTENT_TYPE, Buffer.buffer(CounterPage.html()));
    }

    private void handleTime(RoutingContext context) {
        TimeOfDay now = TimeOfDay.now();
        Replies.json(context.response(), 200,
                new JsonObject().put("month", now.month()).put("day", now.day()).put("time", now.time()));
    }

    private void handleBrands(RoutingContext context) {
        products.brands()
                .onSuccess(brands -> Replies.json(context.response(), 200, ProductJson.brands(brands)))
                .onFailure(context::fail);
    }

    private void handleProduct(RoutingContext context) {
        int id = ProductId.parse(context.pathParam("id"));
        products.product(id)
                .onSuccess(found -> found.ifPresentOrElse(
                        product -> Replies.json(context.response(), 200, ProductJson.product(product)),
                        () -> Replies.error(context.response(), 404, Messages.PRODUCT_NOT_FOUND)))
                .onFailure(context::fail);
    }

    private void handleCreateProduct(RoutingContext context) {
        BoundedBody.read(context.request(), Limits.MAX_BODY_BYTES)
                .map(ProductJson::newProduct)
                .compose(products::create)
                .onSuccess(created -> {
                    context.response().putHeader(HttpHeaders.LOCATION, "/products/" + created.productId());
                    Replies.json(context.response(), 201, ProductJson.product(created));
                })
                .onFailure(context::fail);
    }

    /**
     * The contract's handshake rules first (RFC 6455 §4.2.1, CONTRACT.md "Protocol rules"), so that each
     * refusal is the JSON answer every implementation gives; then Vert.x's own handshake.
     */
    private void handleCounter(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<RequestRules.Refusal> refusal = RequestRules.checkUpgrade(
                request.version() == HttpVersion.HTTP_1_0 ? 0 : 1,
                request.headers().getAll(HttpHeaders.UPGRADE),
                request.headers().getAll(HttpHeaders.CONNECTION),
                request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY),
                request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
        if (refusal.isPresent()) {
            int status = refusal.get().status();
            if (status == 426) {
                boolean wrongVersion = RequestRules.WEBSOCKET_VERSION.equals(refusal.get().message());
                context.response().putHeader(wrongVersion ? HttpHeaderNames.SEC_WEBSOCKET_VERSION : HttpHeaders.UPGRADE,
                        wrongVersion ? "13" : "websocket");
            }
            Replies.refuse(request, status, refusal.get().message());
            return;
        }
        // The upgraded connection keeps its Netty channel; HttpServerConnection is Vert.x's internal API for it.
        Channel channel = ((HttpServerConnection) request.connection()).channelHandlerContext().channel();
        request.toWebSocket()
                .onSuccess(socket -> counter.join(socket, channel))
                .onFailure(failure -> LOG.debug("counter handshake failed: {}", failure.toString()));
    }

    /** Every failure a route raises, including the body limit's 413, as the contract's JSON error. */
    private void handleFailure(RoutingContext context) {
        HttpServerResponse response = context.response();
        Throwable failure = context.failure();
        int status = context.statusCode();
        if (response.closed()) {
            LOG.debug("{} {} failed after the client left: {}", context.request().method(), context.request().path(), failure);
        } else if (failure instanceof InvalidInputException) {
            Replies.error(response, 400, failure.getMessage());
        } else if (failure instanceof DatabaseUnavailableException) {
            LOG.debug("{} {}: {}", context.request().method(), context.request().path(), String.valueOf(failure.getCause()));
            Replies.error(response, 503, DatabaseUnavailableException.MESSAGE);
        } else if (status == 413) {
            Replies.error(response, 413, Messages.BODY_TOO_LARGE);
        } else if (status >= 400 && status < 500) {
            Replies.error(response, status, HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT));
        } else {
            LOG.error("{} {} failed", context.request().method(), context.request().path(), failure);
            Replies.error(response, 500, Messages.INTERNAL_ERROR);
        }
    }

    /**
     * Before a byte is read: the contract's decoder replaces Vert.x's on the connection's pipeline (Vert.x
     * has no public hook for its decoder; {@code HttpServerConnection#channelHandlerContext} is its
     * internal API for integrators), and the head deadline starts.
     */
    private void handleConnection(HttpConnection connection) {
        if (connection instanceof HttpServerConnection internal) {
            internal.channelHandlerContext().pipeline()
                    .replace(ContractRequestDecoder.NAME, ContractRequestDecoder.NAME, new ContractRequestDecoder(options));
        }
        deadline.opened(connection);
    }

    /** Every request meets {@link RequestRules} with its raw target and every field line, before the router. */
    private static void handleRequest(Router router, HttpServerRequest request) {
        stamp(request.response());
        // Versions other than 1.0 and 1.1 never get here: the decoder refuses them (505).
        int minor = request.version() == HttpVersion.HTTP_1_0 ? 0 : 1;
        Optional<RequestRules.Refusal> refusal = RequestRules.check(1, minor, request.uri(),
                request.headers().getAll(HttpHeaders.HOST),
                request.headers().getAll(HttpHeaders.TRANSFER_ENCODING),
                request.headers().getAll(HttpHeaders.CONTENT_LENGTH));
        if (refusal.isPresent()) {
            Replies.refuse(request, refusal.get().status(), refusal.get().message());
        } else {
            router.handle(request);
        }
    }

    /**
     * Requests the decoder refused never reach the router ({@code HttpServer#invalidRequestHandler}); each
     * gets the contract's JSON error and the connection closes.
     */
    private void handleInvalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        stamp(request.response());
        if (cause instanceof ContractRequestDecoder.Refused refused) {
            Replies.refuse(request, refused.refusal.status(), refused.refusal.message());
            return;
        }
        HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.BAD_REQUEST;
        Replies.refuse(request, status.code(), status.reasonPhrase().toLowerCase(Locale.ROOT));
    }

    private static void stamp(HttpServerResponse response) {
        response.putHeader(HttpHeaders.SERVER, SERVER).putHeader(HttpHeaders.DATE, HttpDate.now());
    }
}
