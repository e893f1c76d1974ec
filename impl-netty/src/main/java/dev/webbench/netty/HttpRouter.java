package dev.webbench.netty;

import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.ProductId;
import dev.webbench.contract.RequestRules;
import dev.webbench.contract.RequestRules.Refusal;
import dev.webbench.contract.TimeOfDay;
import dev.webbench.jackson.ContractJson;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each aggregated request: the five contract routes, 404 for unknown paths, 405 with
 * {@code Allow} for a wrong method. Database routes go to {@link Offload}; the rest are answered here,
 * on the event loop, and flushed once per read batch. A WebSocket upgrade of {@code /counter} is passed
 * on to the {@code WebSocketServerProtocolHandler} behind this handler.
 */
@ChannelHandler.Sharable
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private static final AsciiString GET_OR_HEAD = AsciiString.cached("GET, HEAD");
    private static final AsciiString GET_ONLY = AsciiString.cached("GET");
    private static final AsciiString POST_ONLY = AsciiString.cached("POST");
    private static final String PRODUCTS = "/products/";

    private final ProductRoutes products;
    private final Offload offload;

    HttpRouter(ProductRoutes products, Offload offload) {
        this.products = products;
        this.offload = offload;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            malformed(ctx, request);
            return;
        }
        // Origin-form and canonical: RequestGate refused every other target and rewrote absolute-form.
        String path = RequestRules.path(request.uri());
        try {
            route(ctx, request, path);
        } catch (InvalidInputException e) {
            reply(ctx, Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.uri(), e);
            reply(ctx, Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, Messages.INTERNAL_ERROR));
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        HttpMethod method = request.method();
        switch (path) {
            case "/" -> {
                if (isGet(method)) {
                    reply(ctx, Responses.page());
                } else {
                    notAllowed(ctx, GET_OR_HEAD);
                }
            }
            case "/time" -> {
                if (isGet(method)) {
                    reply(ctx, Responses.json(HttpResponseStatus.OK, TimeOfDay.now()));
                } else {
                    notAllowed(ctx, GET_OR_HEAD);
                }
            }
            case "/brands" -> {
                if (isGet(method)) {
                    offload.respond(ctx, products::brands);
                } else {
                    notAllowed(ctx, GET_OR_HEAD);
                }
            }
            case "/product" -> {
                if (HttpMethod.POST.equals(method)) {
                    // Parsing is cheap and needs no database: a bad body is refused right here.
                    NewProduct product = ContractJson.readNewProduct(ByteBufUtil.getBytes(request.content()));
                    offload.respond(ctx, () -> products.create(product));
                } else {
                    notAllowed(ctx, POST_ONLY);
                }
            }
            case "/counter" -> counter(ctx, request);
            default -> product(ctx, method, path);
        }
    }

    /** {@code /products/{id}}: exactly one non-empty segment after the prefix. */
    private void product(ChannelHandlerContext ctx, HttpMethod method, String path) {
        if (!path.startsWith(PRODUCTS) || path.length() == PRODUCTS.length() || path.indexOf('/', PRODUCTS.length()) >= 0) {
            reply(ctx, Responses.error(HttpResponseStatus.NOT_FOUND, Messages.NOT_FOUND));
        } else if (!isGet(method)) {
            notAllowed(ctx, GET_OR_HEAD);
        } else {
            int id = ProductId.parse(path.substring(PRODUCTS.length()));
            offload.respond(ctx, () -> products.product(id));
        }
    }

    private void counter(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            notAllowed(ctx, GET_ONLY);
            return;
        }
        HttpHeaders headers = request.headers();
        Optional<Refusal> refusal = RequestRules.checkUpgrade(request.protocolVersion().minorVersion(),
                headers.getAll(HttpHeaderNames.UPGRADE), headers.getAll(HttpHeaderNames.CONNECTION),
                headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY), headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
        if (refusal.isEmpty()) {
            // SimpleChannelInboundHandler releases after this method; the handshake handler gets its own reference.
            ctx.fireChannelRead(request.retain());
            return;
        }
        FullHttpResponse response = Responses.error(HttpResponseStatus.valueOf(refusal.get().status()), refusal.get().message());
        if (refusal.get().message().equals(RequestRules.NOT_AN_UPGRADE)) {
            response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET); // RFC 9110 §15.5.22
        } else if (refusal.get().message().equals(RequestRules.WEBSOCKET_VERSION)) {
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13"); // RFC 6455 §4.4
        }
        refuse(ctx, response);
    }

    /**
     * The request failed before routing: the codec gave up on it (and discards the rest of the connection),
     * or {@link RequestGate} refused it. Answered in the contract's words, and the connection closes.
     */
    private void malformed(ChannelHandlerContext ctx, FullHttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        FullHttpResponse response;
        if (cause instanceof RequestGate.RefusedRequestException refused) {
            response = Responses.error(HttpResponseStatus.valueOf(refused.refusal().status()), refused.refusal().message());
        } else if (cause instanceof TooLongHttpLineException) {
            response = Responses.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            response = Responses.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large");
        } else {
            response = Responses.error(HttpResponseStatus.BAD_REQUEST, "malformed request");
        }
        refuse(ctx, response);
    }

    /** A protocol refusal: {@code Connection: close}, and HttpServerKeepAliveHandler closes once it is written. */
    private void refuse(ChannelHandlerContext ctx, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        reply(ctx, response);
    }

    private void notAllowed(ChannelHandlerContext ctx, AsciiString allow) {
        FullHttpResponse response = Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, Messages.METHOD_NOT_ALLOWED);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        reply(ctx, response);
    }

    private static boolean isGet(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    /** Written now, flushed in {@link #channelReadComplete} together with whatever else this read produced. */
    private void reply(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (offload.draining()) {
            HttpUtil.setKeepAlive(response, false);
        }
        ctx.write(response, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and protocol errors from peers are routine; the connection is simply dropped.
        LOG.debug("closing {} after {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
