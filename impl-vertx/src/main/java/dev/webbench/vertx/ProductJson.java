package dev.webbench.vertx;

import dev.webbench.contract.Brand;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import dev.webbench.contract.Product;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The contract's JSON in Vert.x's own types: entities out as snake_case objects, the create body in. */
final class ProductJson {
    private ProductJson() {
    }

    static JsonObject product(Product product) {
        return new JsonObject()
                .put("product_id", product.productId())
                .put("product_name", product.productName())
                .put("brand_id", product.brandId());
    }

    static JsonArray brands(List<Brand> brands) {
        JsonArray array = new JsonArray(new ArrayList<>(brands.size()));
        for (Brand brand : brands) {
            array.add(new JsonObject().put("brand_id", brand.brandId()).put("brand_name", brand.brandName()));
        }
        return array;
    }

    /**
     * Parses and validates a {@code POST /product} body whatever its Content-Type. The bytes must be
     * UTF-8 (decoded strictly here: Jackson would also accept UTF-16/32 and {@code Buffer#toString}
     * would replace bad bytes) and hold exactly one JSON value; Vert.x's decoder already refuses
     * trailing tokens and yields Integer/Long/BigInteger for integers and Double otherwise.
     */
    static NewProduct newProduct(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new InvalidInputException("body is empty");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(strictUtf8(body));
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

    /** Vert.x wraps objects and arrays in JsonObject/JsonArray; the shared validation takes plain maps and lists. */
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
