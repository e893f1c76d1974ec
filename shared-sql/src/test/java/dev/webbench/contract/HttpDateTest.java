package dev.webbench.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpDateTest {

    @Test
    void padsASingleDigitDayToTwoAsImfFixdateRequires() {
        assertThat(HttpDate.format(Instant.parse("2026-11-05T08:00:00Z"))).isEqualTo("Thu, 05 Nov 2026 08:00:00 GMT");
    }

    @Test
    void writesATwoDigitDayAsIsAndDropsTheFraction() {
        assertThat(HttpDate.format(Instant.parse("2026-11-25T13:19:25.987Z"))).isEqualTo("Wed, 25 Nov 2026 13:19:25 GMT");
    }

    @Test
    void isFixedWidthWithEnglishNamesOnEveryDayOfTheYear() {
        Instant day = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 365; i++, day = day.plus(Duration.ofDays(1))) {
            String text = HttpDate.format(day);
            assertThat(text).as(day.toString()).hasSize(29)
                    .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            assertThat(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(day);
        }
    }
}
