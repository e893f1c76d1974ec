package dev.webbench.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webbench.contract.HttpDate;
import dev.webbench.contract.InvalidInputException;
import dev.webbench.contract.NewProduct;
import io.netty.handler.codec.DateFormatter;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.eclipse.jetty.http.DateGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The JMH suite compares like with like: every path of a benchmark produces the same answer. */
@DisplayName("the JMH benchmarks' paths")
class BenchmarkPathsTest {

    @Nested
    @DisplayName("encoding /brands")
    class Brands {
        @Test
        void writeTheSameHundredRowsInSnakeCase() {
            BrandsJsonBenchmark benchmark = new BrandsJsonBenchmark();
            benchmark.setUp();
            Map<String, byte[]> outputs = benchmark.outputs();
            assertThat(outputs).containsOnlyKeys("jackson2ContractJson", "vertxJsonArray", "jackson3Spring");
            JsonNode expected = Payloads.tree(outputs.get("jackson2ContractJson"));
            assertThat(expected).hasSize(100);
            assertThat(expected.get(0).toString()).isEqualTo("{\"brand_id\":1,\"brand_name\":\"Acme Works\"}");
            assertThat(expected.get(99).toString()).isEqualTo("{\"brand_id\":100,\"brand_name\":\"Tundra Labs\"}");
            outputs.forEach((path, json) -> assertThat(Payloads.tree(json)).as(path).isEqualTo(expected));
        }

        @Test
        void writeByteForByteTheSameJsonToo() {
            BrandsJsonBenchmark benchmark = new BrandsJsonBenchmark();
            benchmark.setUp();
            String expected = new String(benchmark.jackson2ContractJson(), StandardCharsets.UTF_8);
            benchmark.outputs().forEach((path, json) -> assertThat(new String(json, StandardCharsets.UTF_8)).as(path).isEqualTo(expected));
        }
    }

    @Nested
    @DisplayName("parsing the POST /product body")
    class CreateBody {
        @Test
        void yieldTheSameNewProduct() {
            CreateBodyBenchmark benchmark = new CreateBodyBenchmark();
            benchmark.setUp();
            assertThat(benchmark.outputs()).containsOnlyKeys("jackson2ContractJson", "vertxJson", "jackson3Spring")
                    .allSatisfy((path, product) -> assertThat(product).as(path).isEqualTo(new NewProduct("bench-1-41", 42)));
        }

        @Test
        void refuseTrailingContentAlike() {
            byte[] trailing = "{\"product_name\":\"x\",\"brand_id\":1} {}".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> dev.webbench.jackson.ContractJson.readNewProduct(trailing)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> VertxJson.newProduct(Buffer.buffer(trailing))).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> SpringJackson3.readNewProduct(trailing)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Nested
    @DisplayName("formatting the Date header")
    class DateHeader {
        @Test
        void giveTheCurrentSecond() {
            DateHeaderBenchmark benchmark = new DateHeaderBenchmark();
            benchmark.setUp();
            Map<String, String> outputs = benchmark.outputs();
            assertThat(outputs).hasSize(5);
            DateHeaderBenchmark.requireSameSecond(outputs);
        }

        @Test
        void formatTheSameTextOnATwoDigitDay() {
            Instant instant = Instant.parse("2026-11-25T13:19:25Z");
            assertThat(HttpDate.format(instant))
                    .isEqualTo(DateGenerator.formatDate(instant.toEpochMilli()))
                    .isEqualTo(DateFormatter.format(Date.from(instant)))
                    .isEqualTo("Wed, 25 Nov 2026 13:19:25 GMT");
        }

        @Test
        void formatTheSameTextOnDaysOneToNineToo() {
            Instant instant = Instant.parse("2026-11-05T08:00:00Z");
            assertThat(HttpDate.format(instant))
                    .as("HttpDate pads the day to two digits, as RFC 9110's IMF-fixdate and Jetty and Netty do")
                    .isEqualTo(DateGenerator.formatDate(instant.toEpochMilli()))
                    .isEqualTo(DateFormatter.format(Date.from(instant)))
                    .isEqualTo("Thu, 05 Nov 2026 08:00:00 GMT");
        }
    }
}
