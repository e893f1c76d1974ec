package dev.webbench.bench.jmh;

import dev.webbench.contract.HttpDate;
import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The {@code Date} header every response carries: the cached values the implementations use, and what formatting
 * it on every request would cost instead.
 */
public class DateHeaderBenchmark extends MicroBenchmark {
    /** Not started: only its Date field cache is used, as Jetty's response path calls it. */
    private Server jetty;

    @Setup
    public void setUp() {
        jetty = new Server();
        requireSameSecond(outputs());
    }

    Map<String, String> outputs() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("httpDateCached", httpDateCached());
        outputs.put("jdkFormatterUncached", jdkFormatterUncached());
        outputs.put("jettyServerDateField", jettyServerDateField().getValue());
        outputs.put("jettyDateGenerator", jettyDateGenerator());
        outputs.put("nettyDateFormatter", nettyDateFormatter());
        return outputs;
    }

    /** The texts are read at slightly different instants (a second may turn between them): compare the instants they parse to. */
    static void requireSameSecond(Map<String, String> headers) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (String text : headers.values()) {
            long second = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
            min = Math.min(min, second);
            max = Math.max(max, second);
        }
        if (max - min > 1) {
            throw new IllegalStateException("the Date paths disagree: " + headers);
        }
    }

    /** impl-netty, impl-vertx and impl-webflux: shared-sql's HttpDate, formatted at most once a second. */
    @Benchmark
    public String httpDateCached() {
        return HttpDate.now();
    }

    /** HttpDate's formatting (a JDK DateTimeFormatter) without its cache: what formatting on every request would cost. */
    @Benchmark
    public String jdkFormatterUncached() {
        return HttpDate.format(Instant.now());
    }

    /** impl-servlet: Jetty's Server.getDateField(), the pre-encoded field it caches per second (setSendDateHeader). */
    @Benchmark
    public HttpField jettyServerDateField() {
        return jetty.getDateField();
    }

    /** Jetty's DateGenerator alone, which the cache above calls once a second. */
    @Benchmark
    public String jettyDateGenerator() {
        return DateGenerator.formatDate(System.currentTimeMillis());
    }

    /** Netty's DateFormatter (a thread-local formatter, no cache): a fair per-request alternative. */
    @Benchmark
    public String nettyDateFormatter() {
        return DateFormatter.format(new Date());
    }
}
