package dev.webbench.netty;

import dev.webbench.contract.CounterPage;
import dev.webbench.contract.DatabaseUnavailableException;
import dev.webbench.contract.HttpDate;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.jackson.ContractJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every response the server writes, with the headers the contract wants on each: Date, Server, Content-Type, Content-Length. */
final class Responses {
    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
    // Built once: AsciiString header values are written to the wire without re-encoding.
    private static final AsciiString SERVER = AsciiString.cached(NettyServer.NAME);
    private static final AsciiString JSON = HttpHeaderValues.APPLICATION_JSON;
    private static final AsciiString HTML = AsciiString.cached(CounterPage.CONTENT_TYPE);
    private static final byte[] PAGE = CounterPage.html();

    private Responses() {
    }

    static FullHttpResponse json(HttpResponseStatus status, Object body) {
        return of(status, JSON, Unpooled.wrappedBuffer(ContractJson.write(body)));
    }

    static FullHttpResponse error(HttpResponseStatus status, String message) {
        return of(status, JSON, Unpooled.wrappedBuffer(ContractJson.error(message)));
    }

    /** The counter page; the shared bytes are wrapped, never copied, and nothing writes into them. */
    static FullHttpResponse page() {
        return of(HttpResponseStatus.OK, HTML, Unpooled.wrappedBuffer(PAGE));
    }

    /** Runs {@code work}, turning the contract's exceptions into their error responses (400, 503, else 500). */
    static FullHttpResponse attempt(Supplier<FullHttpResponse> work) {
        try {
            return work.get();
        } catch (InvalidInputException e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (DatabaseUnavailableException e) {
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("request failed", e);
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, Messages.INTERNAL_ERROR);
        }
    }

    /** Date and Server, for a response built by Netty itself (the WebSocket handshake's 101). */
    static void stamp(HttpResponse response) {
        response.headers().set(HttpHeaderNames.SERVER, SERVER).set(HttpHeaderNames.DATE, HttpDate.now());
    }

    private static FullHttpResponse of(HttpResponseStatus status, AsciiString contentType, ByteBuf content) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        stamp(response);
        return response;
    }
}
