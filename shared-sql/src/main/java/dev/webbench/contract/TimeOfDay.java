package dev.webbench.contract;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The body of {@code GET /time}: server-local month, day and time with microseconds. */
public record TimeOfDay(int month, int day, String time) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    public static TimeOfDay now() {
        LocalDateTime now = LocalDateTime.now();
        return new TimeOfDay(now.getMonthValue(), now.getDayOfMonth(), TIME.format(now));
    }
}
