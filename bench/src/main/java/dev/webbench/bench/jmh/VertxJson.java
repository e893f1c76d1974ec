package dev.webbench.bench.jmh;

import dev.webbench.contract.Brand;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.json.JsonCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * impl-vertx's JSON path, call for call (its ProductJson and Replies are package-private there). One difference
 * is forced: impl-vertx has no jackson-databind at runtime, so Vert.x's {@code Json} uses its streaming
 * {@link JacksonCodec}; the bench has databind, where {@code Json.CODEC} would be the slower DatabindCodec. So the
 * codec is named here instead of taken from {@code Json}.
 */
final class VertxJson {
    static final JsonCodec CODEC = new JacksonCodec();

    private VertxJson() {
    }

    /** {@code Replies.json(response, 200, ProductJson.brands(brands))}: the array built, then {@code Json.encodeToBuffer}. */
    static Buffer encodeBrands(List<Brand> brands) {
        JsonArray array = new JsonArray(new ArrayList<>(brands.size()));
        for (Brand brand : brands) {
            array.add(new JsonObject().put("brand_id", brand.brandId()).put("brand_name", brand.brandName()));
        }
        return CODEC.toBuffer(array, false);
    }

    /** {@code ProductJson.newProduct(body)}: strict UTF-8, {@code Json.decodeValue}, plain maps, the shared validation. */
    static NewProduct newProduct(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new InvalidInputException("body is empty");
        }
        Object parsed;
        try {
            parsed = CODEC.fromString(strictUtf8(body), Object.class);
        } catch (DecodeException e) {
            throw new InvalidInputException(Messages.INVALID_JSON);
        }
        return NewProduct.fromJson(plain(parsed));
    }

    private static String strictUtf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body is not valid UTF-8");
        }
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject object) {
            return plain(object.getMap());
        }
        if (value instanceof JsonArray array) {
            return plain(array.getList());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map.size());
            map.forEach((key, item) -> copy.put(key, plain(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }
}
