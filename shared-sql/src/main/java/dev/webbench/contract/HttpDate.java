package dev.webbench.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date} header value (RFC 1123), formatted at most once per second rather than per
 * request, for the implementations whose framework does not provide one.
 */
public final class HttpDate {
    private record Stamp(long second, String text) {
    }

    private static volatile Stamp current = format(System.currentTimeMillis() / 1000);

    private HttpDate() {
    }

    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second() != second) {
            // Racing threads may both format the same second; the result is identical either way.
            stamp = format(second);
            current = stamp;
        }
        return stamp.text();
    }

    private static Stamp format(long second) {
        return new Stamp(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
    }
}
