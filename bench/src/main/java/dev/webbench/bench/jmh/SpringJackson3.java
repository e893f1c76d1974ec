package dev.webbench.bench.jmh;

import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.Messages;
import dev.webbench.contract.NewProduct;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * impl-webflux's JSON path in Jackson 3, without Spring: the JsonMapper Spring Boot builds from its
 * application.properties, the calls Spring's JacksonJsonEncoder makes for {@code bodyValue(list)}, and
 * CreateProductBody's parse. Boot also registers modules found on its classpath; none touches records or maps.
 */
final class SpringJackson3 {
    /** {@code spring.jackson.property-naming-strategy=SNAKE_CASE} and {@code ...fail-on-trailing-tokens=true}. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SpringJackson3() {
    }

    /**
     * AbstractJacksonEncoder.encodeValue (Spring Framework 7.0): a writer per call, typed with the body's runtime
     * class when it is a container (bodyValue resolves {@code ResolvableType.forInstance}), into a recycled
     * ByteArrayBuilder. Spring then copies the bytes into a DataBuffer, which is Spring's, not Jackson's, work.
     */
    static byte[] encode(Object value) {
        ObjectWriter writer = MAPPER.writer();
        JavaType type = MAPPER.getTypeFactory().constructType(value.getClass());
        if (type.isContainerType()) {
            writer = writer.forType(type);
        }
        ByteArrayBuilder bytes = new ByteArrayBuilder(writer.generatorFactory()._getBufferRecycler());
        try {
            try (JsonGenerator generator = writer.createGenerator(bytes, JsonEncoding.UTF8)) {
                writer.writeValue(generator, value);
                generator.flush();
            }
            return bytes.toByteArray();
        } finally {
            bytes.release();
        }
    }

    /** CreateProductBody.parse: the body's bytes as Jackson 3 reads them, then the shared validation. */
    static NewProduct readNewProduct(byte[] body) {
        Object parsed;
        try {
            parsed = MAPPER.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(body.length == 0 ? "body is empty" : Messages.INVALID_JSON);
        }
        return NewProduct.fromJson(parsed);
    }
}
