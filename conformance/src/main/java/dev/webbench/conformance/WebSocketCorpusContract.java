package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Contract point 7 and "Protocol rules" (WebSocket frames, the {@code /counter} handshake): every row of
 * {@link WebSocketCorpus} on a fresh connection, one dynamic test per row, named after the row and its clause.
 */
@DisplayName("Hostile: WebSocket corpus")
public interface WebSocketCorpusContract extends KitTarget {
    /** How long the server may take to answer a frame, with a close, a pong or nothing. */
    int FRAME_TIMEOUT_MILLIS = 5_000;
    /** How long the server may take to close the TCP connection after its close frame (or a refused handshake). */
    int CLOSE_TIMEOUT_MILLIS = 3_000;
    /** How long an ignored message is watched for a reply that must not come. */
    int QUIET_MILLIS = 500;

    @TestFactory
    @DisplayName("7. WebSocket corpus: each frame sequence on /counter gets its one expected outcome")
    default Stream<DynamicTest> req7_webSocketCorpus() {
        return WebSocketCorpus.frames().stream().map(row -> DynamicTest.dynamicTest(row.id() + " [" + row.rule() + "]", () -> run(row)));
    }

    @TestFactory
    @DisplayName("10. /counter handshake corpus: each refused upgrade gets its JSON error, then the connection closes")
    default Stream<DynamicTest> req10_counterHandshakeCorpus() {
        return WebSocketCorpus.handshakes().stream().map(row -> DynamicTest.dynamicTest(row.id() + " [" + row.rule() + "]", () -> run(row)));
    }

    private void run(WebSocketCase row) throws IOException {
        List<String> seen = new ArrayList<>();
        try (RawWebSocket ws = RawWebSocket.connect(base(), 0)) {
            for (byte[] frame : row.frames()) {
                try {
                    ws.write(frame);
                } catch (SocketException closedEarly) {
                    break; // the server may fail the connection before the last frame; its close frame is still read
                }
            }
            switch (row.outcome()) {
                case CLOSE -> {
                    RawWebSocket.Frame close = awaitFrame(ws, row, RawWebSocket.CLOSE, seen);
                    assertThat(close.closeCode()).as("%s (%s): the server's close code; frames before it: %s", row.id(), row.rule(), seen)
                            .isEqualTo(row.code());
                    if (!row.clientSentClose()) {
                        try {
                            ws.write(RawWebSocket.frame(RawWebSocket.CLOSE, RawWebSocket.closePayload(close.closeCode())));
                        } catch (IOException alreadyClosed) {
                            // a server may close the TCP connection right after its close frame (RFC 6455 §7.1.1)
                        }
                    }
                    assertThat(ws.serverClosedWithin(CLOSE_TIMEOUT_MILLIS))
                            .as("%s: the server closes the TCP connection within %d ms of its close frame", row.id(), CLOSE_TIMEOUT_MILLIS).isTrue();
                }
                case PONG -> {
                    RawWebSocket.Frame pong = awaitFrame(ws, row, RawWebSocket.PONG, seen);
                    assertThat(pong.payload()).as("%s (%s): the pong's payload", row.id(), row.rule()).isEqualTo(row.pong());
                    assertStillCounted(ws, row);
                }
                case IGNORED -> {
                    assertNoReply(ws, row);
                    assertStillCounted(ws, row);
                }
            }
        }
        assertThat(Http.get(base(), "/time").status()).as("%s: the server still serves /time afterwards", row.id()).isEqualTo(200);
    }

    /** Reads frames until one with {@code opcode}, skipping counter updates; anything else first fails the row. */
    private static RawWebSocket.Frame awaitFrame(RawWebSocket ws, WebSocketCase row, int opcode, List<String> seen) throws IOException {
        long deadline = System.currentTimeMillis() + FRAME_TIMEOUT_MILLIS;
        while (true) {
            int left = (int) (deadline - System.currentTimeMillis());
            RawWebSocket.Frame frame;
            try {
                frame = ws.readFrame(Math.max(1, left));
            } catch (SocketTimeoutException e) {
                throw new AssertionError(expected(row) + ", got " + seen + " then nothing within " + FRAME_TIMEOUT_MILLIS + " ms", e);
            } catch (EOFException | SocketException e) {
                throw new AssertionError(expected(row) + ", got " + seen + " then the connection closed without it ("
                        + e.getMessage() + ")", e);
            }
            seen.add(frame.toString());
            if (frame.opcode() == opcode) {
                return frame;
            }
            if (!frame.isCount()) {
                throw new AssertionError(expected(row) + ", got " + seen);
            }
        }
    }

    /** An ignored message gets no reply: within the quiet time nothing but counter updates arrives, and no close. */
    private static void assertNoReply(RawWebSocket ws, WebSocketCase row) throws IOException {
        long deadline = System.currentTimeMillis() + QUIET_MILLIS;
        List<String> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            try {
                RawWebSocket.Frame frame = ws.readFrame((int) Math.max(1, deadline - System.currentTimeMillis()));
                seen.add(frame.toString());
                if (!frame.isCount()) {
                    throw new AssertionError(expected(row) + ", got " + seen);
                }
            } catch (SocketTimeoutException quiet) {
                return;
            } catch (EOFException | SocketException e) {
                throw new AssertionError(expected(row) + ", got " + seen + " then the connection closed (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The connection is still a counter client: another client's arrival reaches it as a count. */
    private void assertStillCounted(RawWebSocket ws, WebSocketCase row) throws IOException {
        try (CounterClient other = CounterClient.connect(base())) {
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + FRAME_TIMEOUT_MILLIS;
            while (true) {
                RawWebSocket.Frame frame;
                try {
                    frame = ws.readFrame((int) Math.max(1, deadline - System.currentTimeMillis()));
                } catch (SocketTimeoutException | EOFException | SocketException e) {
                    throw new AssertionError(row.id() + ": the connection must stay a counter client, but another client's arrival"
                            + " brought " + seen + " then " + e, e);
                }
                seen.add(frame.toString());
                if (frame.isCount()) {
                    return;
                }
                if (frame.opcode() != RawWebSocket.PONG) {
                    throw new AssertionError(row.id() + ": the connection must stay a counter client, but it got " + seen);
                }
            }
        }
    }

    private static String expected(WebSocketCase row) {
        String what = switch (row.outcome()) {
            case CLOSE -> "a close frame with code " + row.code();
            case PONG -> "a pong of " + row.pong().length + " bytes";
            case IGNORED -> "no reply";
        };
        return row.id() + " (" + row.rule() + "): expected " + what;
    }

    private void run(WebSocketCorpus.Handshake row) {
        String what = row.id() + " (" + row.rule() + ")";
        try (RawHttp raw = RawHttp.open(base())) {
            RawHttp.Response response;
            try {
                raw.socket().setSoTimeout(FRAME_TIMEOUT_MILLIS);
                response = raw.send(row.request()).read();
            } catch (UncheckedIOException | SocketException e) {
                throw new AssertionError(what + ": expected " + row.status() + ", got no answer: " + e.getMessage(), e);
            }
            assertThat(response.status()).as("%s: status (body: %s)", what, Http.abbreviate(response.bodyText())).isEqualTo(row.status());
            assertThat(response.header("Date")).as("%s: Date", what).isPresent();
            assertThat(response.header("Server")).as("%s: Server", what).isPresent();
            server().name().ifPresent(name -> assertThat(response.header("Server")).as("%s: Server", what).contains(name));
            Checks.assertJsonContentType(response.header("Content-Type").orElse(null));
            try {
                assertThat(Http.JSON.readTree(response.body()).path("error").asText()).as("%s: a JSON error, got %s", what,
                        Http.abbreviate(response.bodyText())).isNotBlank();
            } catch (IOException e) {
                throw new AssertionError(what + ": the error body is not JSON: " + Http.abbreviate(response.bodyText()), e);
            }
            assertThat(response.header("Connection").orElse("").toLowerCase(Locale.ROOT)).as("%s: Connection", what).contains("close");
            if (row.header() != null) {
                assertThat(String.join(", ", response.headers().getOrDefault(row.header().toLowerCase(Locale.ROOT), List.of()))
                        .toLowerCase(Locale.ROOT)).as("%s: header %s", what, row.header()).contains(row.value());
            }
            assertThat(raw.closedByPeer(CLOSE_TIMEOUT_MILLIS)).as("%s: a refused handshake closes the connection within %d ms", what,
                    CLOSE_TIMEOUT_MILLIS).isTrue();
        }
        assertThat(Http.get(base(), "/time").status()).as("%s: the server still serves /time afterwards", row.id()).isEqualTo(200);
    }
}
