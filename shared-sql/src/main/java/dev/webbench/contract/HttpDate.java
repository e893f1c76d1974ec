package dev.webbench.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header value, in RFC 9110's IMF-fixdate form ({@code Thu, 05 Nov 2026 08:00:00 GMT}),
 * formatted at most once per second rather than per request, for the implementations whose framework does not
 * provide one.
 */
public final class HttpDate {
    /**
     * IMF-fixdate: a fixed-width pattern with a two-digit day, English names and the literal {@code GMT}. The
     * JDK's {@code RFC_1123_DATE_TIME} would write days 1 to 9 with one digit, which RFC 9110 does not allow.
     */
    public static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private record Stamp(long second, String text) {
    }

    private static volatile Stamp current = stamp(System.currentTimeMillis() / 1000);

    private HttpDate() {
    }

    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = current;
        if (stamp.second() != second) {
            // Racing threads may both format the same second; the result is identical either way.
            stamp = stamp(second);
            current = stamp;
        }
        return stamp.text();
    }

    /** The header value for an instant (its fraction of a second dropped). */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    private static Stamp stamp(long second) {
        return new Stamp(second, format(Instant.ofEpochSecond(second)));
    }
}
