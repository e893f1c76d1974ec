package dev.webbench.netty;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * The codec's header factory ({@code HttpDecoderConfig.setHeadersFactory}), with Netty's default validation,
 * whose headers also count the {@code Content-Length} field lines as they arrive. For HTTP/1.0 the codec
 * merges several such lines into one value before anyone sees them (even two different ones, the first
 * winning), where RFC 9112 §6.3 and the contract want a 400 for any second line: {@link RequestGate} asks
 * {@link #contentLengthLines}.
 */
final class FieldLineCounter implements HttpHeadersFactory {
    private static final DefaultHttpHeadersFactory NETTY = DefaultHttpHeadersFactory.headersFactory();

    @Override
    public HttpHeaders newHeaders() {
        return new CountingHeaders();
    }

    @Override
    public HttpHeaders newEmptyHeaders() {
        return NETTY.newEmptyHeaders();
    }

    /** How many {@code Content-Length} lines the request carried, or -1 when its headers were not decoded here. */
    static int contentLengthLines(HttpHeaders headers) {
        return headers instanceof CountingHeaders counting ? counting.contentLengths : -1;
    }

    private static final class CountingHeaders extends DefaultHttpHeaders {
        private int contentLengths;

        CountingHeaders() {
            super(NETTY.getNameValidator(), NETTY.getValueValidator());
        }

        // HttpObjectDecoder adds every field line through this method.
        @Override
        public HttpHeaders add(CharSequence name, Object value) {
            if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
                contentLengths++;
            }
            return super.add(name, value);
        }
    }
}
