package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Contract point 6 (headers on every response) and HTTP/1.1 keep-alive, checked on the wire. */
@DisplayName("Headers and connections")
public interface HeaderContract extends KitTarget {
    /** RFC 9110's IMF-fixdate, e.g. {@code Thu, 05 Nov 2026 08:00:00 GMT}: fixed width, the day always in two digits. */
    Pattern IMF_FIXDATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");

    @Test
    @DisplayName("6. Every response, success or error, carries a current IMF-fixdate Date, Server, Content-Type and a length or chunking")
    default void req6_everyResponseCarriesTheRequiredHeaders() {
        URI base = base();
        String created = CreateContract.bodyOfExactly(60);
        String oversized = CreateContract.bodyOfExactly(dev.webbench.contract.Limits.MAX_BODY_BYTES + 1);
        List<String> requests = List.of(
                RawHttp.request("GET", base, "/time"),
                RawHttp.request("GET", base, "/brands"),
                RawHttp.request("GET", base, "/products/1"),
                RawHttp.request("GET", base, "/products/abc"),
                RawHttp.request("GET", base, "/products/2147483647"),
                RawHttp.request("GET", base, "/nope"),
                RawHttp.request("DELETE", base, "/brands"),
                RawHttp.request("GET", base, "/"),
                RawHttp.request("POST", base, "/product", "Content-Length: " + created.length()) + created,
                RawHttp.request("POST", base, "/product", "Content-Length: 3") + "{x}",
                RawHttp.request("POST", base, "/product", "Content-Length: " + oversized.length()) + oversized);
        for (String request : requests) {
            String what = request.lines().findFirst().orElseThrow();
            try (RawHttp raw = RawHttp.open(base)) {
                RawHttp.Response response = raw.send(request).read();
                String date = response.header("Date").orElseThrow(() -> new AssertionError(what + " -> no Date header"));
                assertThat(date).as(what + " -> Date in RFC 9110's IMF-fixdate form (two-digit day, GMT)").matches(IMF_FIXDATE);
                ZonedDateTime parsed;
                try {
                    parsed = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
                } catch (DateTimeParseException e) {
                    throw new AssertionError(what + " -> Date is not RFC 1123: '" + date + "'");
                }
                assertThat(Duration.between(parsed, ZonedDateTime.now()).abs()).as(what + " -> Date is current: " + date)
                        .isLessThan(Duration.ofSeconds(30));
                String serverHeader = response.header("Server").orElseThrow(() -> new AssertionError(what + " -> no Server header"));
                server().name().ifPresentOrElse(
                        name -> assertThat(serverHeader).as(what + " -> Server").isEqualTo(name),
                        () -> assertThat(serverHeader).as(what + " -> Server").isNotBlank());
                assertThat(response.header("Content-Type")).as(what + " -> Content-Type").isPresent();
                assertThat(response.chunked() || response.header("Content-Length").isPresent())
                        .as(what + " -> Content-Length or chunked").isTrue();
            }
        }
    }

    @Test
    @DisplayName("6. Date changes as time passes (it is not cached for longer than a second)")
    default void req6_dateHeaderAdvances() throws InterruptedException {
        String first = Http.get(base(), "/time").header("Date").orElseThrow();
        Thread.sleep(2_100);
        String second = Http.get(base(), "/time").header("Date").orElseThrow();
        assertThat(second).as("Date 2.1 s later").isNotEqualTo(first);
    }

    @Test
    @DisplayName("HTTP/1.1 keep-alive: several requests share one connection; Connection: close ends it")
    default void http11_keepAliveAndConnectionClose() {
        try (RawHttp raw = RawHttp.open(base())) {
            for (String path : List.of("/time", "/brands", "/products/1", "/nope")) {
                RawHttp.Response response = raw.send(RawHttp.request("GET", base(), path)).read();
                assertThat(response.status()).as("GET " + path + " on a kept-alive connection").isIn(200, 404);
                assertThat(response.header("Connection").orElse("").toLowerCase(Locale.ROOT)).doesNotContain("close");
            }
            RawHttp.Response last = raw.send(RawHttp.request("GET", base(), "/time", "Connection: close")).read();
            assertThat(last.status()).isEqualTo(200);
            assertThat(raw.closedByPeer(5_000)).as("server closes after 'Connection: close'").isTrue();
        }
    }

    @Test
    @DisplayName("8. GET / answers 200 text/html; charset=utf-8 with a page that opens /counter")
    default void req8_indexPage_opensTheCounter() {
        Http.Reply reply = Http.get(base(), "/");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).replace(" ", ""))
                .isEqualTo("text/html;charset=utf-8");
        assertThat(reply.body()).contains("/counter").contains("Connected users: ").contains("location.host");
    }
}
