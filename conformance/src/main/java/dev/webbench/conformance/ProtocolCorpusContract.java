package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Contract point 10 and "Protocol rules": every row of {@link ProtocolCorpus} sent over a fresh connection,
 * one dynamic test per row, named after the row and the clause it checks.
 */
@DisplayName("Hostile: HTTP/1.1 protocol corpus")
public interface ProtocolCorpusContract extends KitTarget {
    /** How long one expected answer may take; the corpus holds no slow request. */
    int ANSWER_TIMEOUT_MILLIS = 5_000;
    /** How long the server may take to close after a protocol refusal. */
    int CLOSE_TIMEOUT_MILLIS = 3_000;

    @TestFactory
    @DisplayName("10. HTTP/1.1 corpus: each request gets its one expected answer")
    default Stream<DynamicTest> req10_protocolCorpus() {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        return ProtocolCorpus.cases(nonce).stream().map(row -> DynamicTest.dynamicTest(row.id() + " [" + row.rule() + "]", () -> run(row)));
    }

    private void run(ProtocolCase row) throws IOException {
        List<String> seen = new ArrayList<>();
        try (RawHttp raw = RawHttp.open(base())) {
            raw.socket().setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            send(raw, row);
            for (ProtocolCase.Answer expected : row.answers()) {
                RawHttp.Response response = readAnswer(raw, expected.toHead(), row, seen);
                seen.add(String.valueOf(response.status()));
                check(row, expected, response);
            }
            switch (row.after()) {
                case CLOSED -> assertClosed(raw, row, seen);
                case KEPT -> assertKept(raw, row);
                case EITHER -> {
                }
            }
        }
        if (row.productName() != null) {
            assertThat(Checks.count(database(), "SELECT count(*) FROM product WHERE product_name = ?", row.productName()))
                    .as("%s: rows written", row.id()).isEqualTo(row.rows());
        }
        assertThat(Http.get(base(), "/time").status()).as("%s: the server still serves /time afterwards", row.id()).isEqualTo(200);
    }

    private static void send(RawHttp raw, ProtocolCase row) throws IOException {
        OutputStream out = raw.socket().getOutputStream();
        for (ProtocolCase.Write write : row.writes()) {
            if (write.pauseMillis() > 0) {
                JarProcess.sleep(write.pauseMillis());
            }
            try {
                out.write(write.bytes());
                out.flush();
            } catch (SocketException closedEarly) {
                // The server may refuse and close before the client has sent everything; its answer is still read.
                return;
            }
        }
    }

    private static RawHttp.Response readAnswer(RawHttp raw, boolean toHead, ProtocolCase row, List<String> seen) {
        try {
            return raw.read(toHead);
        } catch (UncheckedIOException e) {
            String what = e.getCause() instanceof SocketTimeoutException ? "no answer within " + ANSWER_TIMEOUT_MILLIS + " ms"
                    : "connection closed or broken (" + e.getCause().getMessage() + ")";
            throw new AssertionError(row.id() + ": expected answers " + statuses(row) + ", got " + seen + " then " + what, e);
        }
    }

    private void check(ProtocolCase row, ProtocolCase.Answer expected, RawHttp.Response response) {
        String what = row.id() + " (" + row.rule() + ")";
        assertThat(response.status()).as("%s: status (body: %s)", what, Http.abbreviate(response.bodyText())).isEqualTo(expected.status());
        assertThat(response.header("Date")).as("%s: Date", what).isPresent();
        assertThat(response.header("Server")).as("%s: Server", what).isPresent();
        server().name().ifPresent(name -> assertThat(response.header("Server")).as("%s: Server", what).contains(name));
        if (!expected.toHead() && response.status() >= 400) {
            Checks.assertJsonContentType(response.header("Content-Type").orElse(null));
            JsonNode json = jsonBody(what, response);
            assertThat(json.path("error").isTextual() && !json.path("error").asText().isBlank())
                    .as("%s: a JSON error {\"error\": \"...\"}, got %s", what, response.bodyText()).isTrue();
        }
        for (Map.Entry<String, String> header : expected.headers().entrySet()) {
            String value = String.join(", ", response.headers().getOrDefault(header.getKey().toLowerCase(Locale.ROOT), List.of()));
            assertThat(response.header(header.getKey())).as("%s: header %s", what, header.getKey()).isPresent();
            assertThat(value.toLowerCase(Locale.ROOT)).as("%s: header %s", what, header.getKey())
                    .contains(header.getValue().toLowerCase(Locale.ROOT));
        }
    }

    private static JsonNode jsonBody(String what, RawHttp.Response response) {
        try {
            return Http.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(what + ": the error body is not JSON: " + Http.abbreviate(response.bodyText()), e);
        }
    }

    /** After a protocol refusal the server closes; anything it answers instead is a request it should never have seen. */
    private static void assertClosed(RawHttp raw, ProtocolCase row, List<String> seen) {
        try {
            raw.socket().setSoTimeout(CLOSE_TIMEOUT_MILLIS);
            RawHttp.Response extra = raw.read();
            throw new AssertionError(row.id() + ": after " + seen + " the connection must close, but the server answered again: "
                    + extra.status() + " " + Http.abbreviate(extra.bodyText()));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new AssertionError(row.id() + ": after " + seen + " the server kept the connection open for "
                        + CLOSE_TIMEOUT_MILLIS + " ms; a protocol refusal must close it", e);
            }
            // EOF or reset: closed, as required
        } catch (SocketException e) {
            // reset while setting the timeout: closed
        }
    }

    /** The connection is still usable: a follow-up request is answered as a request of its own. */
    private static void assertKept(RawHttp raw, ProtocolCase row) {
        RawHttp.Response followUp;
        try {
            raw.send(ProtocolCorpus.request("GET /time HTTP/1.1", "Host: localhost"));
            followUp = raw.read();
        } catch (UncheckedIOException e) {
            throw new AssertionError(row.id() + ": the connection must stay usable, but a follow-up GET /time failed: "
                    + e.getCause().getMessage(), e);
        }
        assertThat(followUp.status()).as("%s: the follow-up GET /time on the same connection (body: %s)", row.id(),
                Http.abbreviate(followUp.bodyText())).isEqualTo(200);
        assertThat(followUp.bodyText()).as("%s: the follow-up is answered as /time", row.id()).contains("\"month\"");
    }

    private static List<Integer> statuses(ProtocolCase row) {
        return row.answers().stream().map(ProtocolCase.Answer::status).toList();
    }
}
