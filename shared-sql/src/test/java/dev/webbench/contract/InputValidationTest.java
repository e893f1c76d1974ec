package dev.webbench.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputValidationTest {
    @Test
    void productIdsAreAsciiDecimalInt32() {
        assertThat(ProductId.parse("42")).isEqualTo(42);
        assertThat(ProductId.parse("-3")).isEqualTo(-3);
        assertThat(ProductId.parse("2147483647")).isEqualTo(Integer.MAX_VALUE);
        for (String bad : List.of("", "abc", "1.5", "+7", "2147483648", "0x10", " 1", "١٢٣", "99999999999")) {
            assertThatThrownBy(() -> ProductId.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aValidProductIsAccepted() {
        assertThat(NewProduct.fromJson(Map.of("product_name", "Lamp", "brand_id", 3)))
                .isEqualTo(new NewProduct("Lamp", 3));
        assertThat(NewProduct.fromJson(Map.of("product_name", "Lamp", "brand_id", 3L, "extra", true)))
                .isEqualTo(new NewProduct("Lamp", 3));
    }

    @Test
    void everyMalformedBodyIsRejectedWithAReason() {
        Map<String, Object> nullBrand = new HashMap<>();
        nullBrand.put("product_name", "x");
        nullBrand.put("brand_id", null);
        List<Object> bad = List.of(
                List.of(), "text", 5,
                Map.of("brand_id", 1),
                Map.of("product_name", 5, "brand_id", 1),
                Map.of("product_name", "  ", "brand_id", 1),
                Map.of("product_name", "a\0b", "brand_id", 1),
                Map.of("product_name", "x"),
                nullBrand,
                Map.of("product_name", "x", "brand_id", "1"),
                Map.of("product_name", "x", "brand_id", 1.5),
                Map.of("product_name", "x", "brand_id", true),
                Map.of("product_name", "x", "brand_id", 1L << 40),
                Map.of("product_name", "x", "brand_id", BigInteger.TEN.pow(30)));
        for (Object body : bad) {
            assertThatThrownBy(() -> NewProduct.fromJson(body)).as(String.valueOf(body))
                    .isInstanceOf(InvalidInputException.class)
                    .message().isNotBlank();
        }
    }

    @Test
    void timeOfDayHasMicroseconds() {
        TimeOfDay now = TimeOfDay.now();
        assertThat(now.time()).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        assertThat(now.month()).isBetween(1, 12);
        assertThat(now.day()).isBetween(1, 31);
    }

    @Test
    void counterPageOpensTheCounterSocket() {
        assertThat(new String(CounterPage.html(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("/counter").contains("Connected users: ");
    }

    @Test
    void httpDateIsRfc1123AndCurrent() {
        String date = HttpDate.now();
        java.time.ZonedDateTime parsed = java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(java.time.Duration.between(parsed, java.time.ZonedDateTime.now()).abs().getSeconds()).isLessThanOrEqualTo(2);
        assertThat(date).endsWith(" GMT");
    }
}
