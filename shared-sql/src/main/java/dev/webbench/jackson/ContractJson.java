package dev.webbench.jackson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import java.io.IOException;
import java.util.Map;

/** The contract's JSON in Jackson 2, for the implementations that use it: snake_case records out, strict parsing in. */
public final class ContractJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // "{...} trailing" is not JSON; Jackson would otherwise stop after the first value.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private ContractJson() {
    }

    public static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static byte[] error(String message) {
        return write(Map.of("error", message));
    }

    /** Parses and validates a {@code POST /product} body; anything wrong is an {@link InvalidInputException}. */
    public static NewProduct readNewProduct(byte[] body) {
        Object parsed;
        try {
            parsed = MAPPER.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(body.length == 0 ? "body is empty" : Messages.INVALID_JSON);
        } catch (IOException e) {
            throw new InvalidInputException(Messages.INVALID_JSON);
        }
        return NewProduct.fromJson(parsed);
    }
}
