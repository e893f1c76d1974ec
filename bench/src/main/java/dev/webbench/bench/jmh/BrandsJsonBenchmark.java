package dev.webbench.bench.jmh;

import dev.webbench.contract.Brand;
import dev.webbench.jackson.ContractJson;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** {@code GET /brands}: the 100 seeded rows to response bytes, once per JSON path the implementations take. */
public class BrandsJsonBenchmark extends MicroBenchmark {
    private List<Brand> brands;

    @Setup
    public void setUp() {
        brands = Payloads.brands();
        Payloads.requireSameJson(outputs());
    }

    /** Each path's bytes for the same rows; they must parse to the same JSON. */
    Map<String, byte[]> outputs() {
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        outputs.put("jackson2ContractJson", jackson2ContractJson());
        outputs.put("vertxJsonArray", vertxJsonArray().getBytes());
        outputs.put("jackson3Spring", jackson3Spring());
        return outputs;
    }

    /** impl-servlet and impl-netty: shared-sql's ContractJson writes the records (Jackson 2, snake_case). */
    @Benchmark
    public byte[] jackson2ContractJson() {
        return ContractJson.write(brands);
    }

    /** impl-vertx: a JsonArray of JsonObjects, then Vert.x's streaming Jackson codec. */
    @Benchmark
    public Buffer vertxJsonArray() {
        return VertxJson.encodeBrands(brands);
    }

    /** impl-webflux: Spring's Jackson 3 encoder writes the records (snake_case from application.properties). */
    @Benchmark
    public byte[] jackson3Spring() {
        return SpringJackson3.encode(brands);
    }
}
