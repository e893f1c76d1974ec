package dev.webbench.bench.jmh;

import dev.webbench.contract.NewProduct;
import dev.webbench.jackson.ContractJson;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * {@code POST /product}: the body's bytes to a validated NewProduct, once per implementation's path. Every path
 * ends in the same shared validation (NewProduct.fromJson); they differ in the parser and what it builds.
 */
public class CreateBodyBenchmark extends MicroBenchmark {
    static final NewProduct EXPECTED = new NewProduct("bench-1-41", 42);

    private byte[] body;
    private Buffer vertxBody;

    @Setup
    public void setUp() {
        body = Payloads.CREATE_BODY.clone();
        vertxBody = Buffer.buffer(body);
        Map<String, NewProduct> outputs = outputs();
        outputs.put("expected", EXPECTED);
        Payloads.requireSame(outputs);
    }

    Map<String, NewProduct> outputs() {
        Map<String, NewProduct> outputs = new LinkedHashMap<>();
        outputs.put("jackson2ContractJson", jackson2ContractJson());
        outputs.put("vertxJson", vertxJson());
        outputs.put("jackson3Spring", jackson3Spring());
        return outputs;
    }

    /** impl-servlet and impl-netty: ContractJson.readNewProduct (Jackson 2 into maps, trailing tokens refused). */
    @Benchmark
    public NewProduct jackson2ContractJson() {
        return ContractJson.readNewProduct(body);
    }

    /** impl-vertx: the body Buffer strictly decoded as UTF-8, Vert.x's decoder, JsonObject unwrapped to maps. */
    @Benchmark
    public NewProduct vertxJson() {
        return VertxJson.newProduct(vertxBody);
    }

    /** impl-webflux: CreateProductBody's parse with Spring Boot's Jackson 3 JsonMapper. */
    @Benchmark
    public NewProduct jackson3Spring() {
        return SpringJackson3.readNewProduct(body);
    }
}
