package dev.webbench.webflux;

import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Limits;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.PayloadTooLargeException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /product}: at most 64 KiB, by Content-Length or as it streams in (chunked), then
 * parsed by Jackson into plain values and validated by the shared {@link NewProduct#fromJson}. The body is
 * read as bytes, not through a codec, so that the Content-Type does not matter and every refusal is ours.
 */
@Component
final class CreateProductBody {
    private final JsonMapper json;

    CreateProductBody(JsonMapper json) {
        this.json = json;
    }

    Mono<NewProduct> read(ServerRequest request) {
        if (request.headers().contentLength().orElse(0) > Limits.MAX_BODY_BYTES) {
            return Mono.error(new PayloadTooLargeException(null)); // refused before reading a byte
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), Limits.MAX_BODY_BYTES)
                .map(CreateProductBody::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, PayloadTooLargeException::new)
                .map(this::parse);
    }

    private NewProduct parse(byte[] body) {
        Object parsed;
        try {
            // Strict: trailing content after the value and invalid UTF-8 fail here (see application.properties).
            parsed = json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(body.length == 0 ? "body is empty" : Messages.INVALID_JSON);
        }
        return NewProduct.fromJson(parsed);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
