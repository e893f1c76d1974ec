package dev.webbench.conformance;

import static dev.webbench.conformance.RawWebSocket.BINARY;
import static dev.webbench.conformance.RawWebSocket.CLOSE;
import static dev.webbench.conformance.RawWebSocket.CONTINUATION;
import static dev.webbench.conformance.RawWebSocket.PING;
import static dev.webbench.conformance.RawWebSocket.PONG;
import static dev.webbench.conformance.RawWebSocket.TEXT;
import static dev.webbench.conformance.RawWebSocket.closePayload;
import static dev.webbench.conformance.RawWebSocket.frame;

import dev.webbench.contract.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WebSocket corpus: CONTRACT.md's "WebSocket frames on /counter" paragraph and the {@code /counter} rows of
 * "Protocol rules" as data. {@link #frames()} are sent after a valid handshake; {@link #handshakes()} are upgrade
 * requests the server must refuse. {@link WebSocketCorpusContract} runs both.
 */
final class WebSocketCorpus {
    private static final String RFC6455 = "RFC 6455 ";
    private static final String HOST = "Host: localhost";
    private static final String UPGRADE = "Upgrade: websocket";
    private static final String CONNECTION = "Connection: Upgrade";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
    private static final String VERSION = "Sec-WebSocket-Version: 13";
    private static final String GET_COUNTER = "GET /counter HTTP/1.1";

    private WebSocketCorpus() {
    }

    /** A handshake the server refuses: one answer, its required header (name, then a value it contains), then the close. */
    record Handshake(String id, String rule, String request, int status, String header, String value) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<WebSocketCase> frames() {
        List<WebSocketCase> cases = new ArrayList<>();
        framing(cases);
        controlFrames(cases);
        fragmentation(cases);
        utf8(cases);
        sizes(cases);
        closeCodes(cases);
        ignoredMessages(cases);
        return cases;
    }

    // ---- RFC 6455 §5.1-§5.3: masking, RSV bits, opcodes --------------------------------------------------------

    private static void framing(List<WebSocketCase> cases) {
        cases.add(WebSocketCase.closes("unmasked-text", RFC6455 + "§5.1: a server MUST close on an unmasked client frame", 1002,
                frame(true, 0, TEXT, false, ascii("hello"))));
        cases.add(WebSocketCase.closes("unmasked-ping", RFC6455 + "§5.1", 1002, frame(true, 0, PING, false, ascii("p"))));
        for (int rsv : new int[] {4, 2, 1}) {
            cases.add(WebSocketCase.closes("rsv" + (rsv == 4 ? 1 : rsv == 2 ? 2 : 3) + "-set",
                    RFC6455 + "§5.2: RSV bits without a negotiated extension MUST fail the connection", 1002,
                    frame(true, rsv, TEXT, true, ascii("hello"))));
        }
        for (int opcode : new int[] {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(WebSocketCase.closes("reserved-opcode-0x" + Integer.toHexString(opcode).toUpperCase(java.util.Locale.ROOT),
                    RFC6455 + "§5.2: a reserved opcode MUST fail the connection", 1002, frame(true, 0, opcode, true, ascii("x"))));
        }
    }

    // ---- RFC 6455 §5.5: control frames -----------------------------------------------------------------------------

    private static void controlFrames(List<WebSocketCase> cases) {
        for (int size : new int[] {0, 1, 125}) {
            byte[] payload = filled(size, 'p');
            cases.add(WebSocketCase.pongs("ping-" + size + "-bytes", RFC6455 + "§5.5.3: a pong carries the ping's payload",
                    payload, frame(PING, payload)));
        }
        cases.add(WebSocketCase.pongs("ping-binary-payload", RFC6455 + "§5.5.2: a ping's payload is any bytes",
                new byte[] {0, (byte) 0xFF, (byte) 0xFE, 1}, frame(PING, new byte[] {0, (byte) 0xFF, (byte) 0xFE, 1})));
        cases.add(WebSocketCase.closes("ping-126-bytes", RFC6455 + "§5.5: control frames MUST have a payload of at most 125 bytes",
                1002, frame(PING, filled(126, 'p'))));
        cases.add(WebSocketCase.closes("close-126-bytes", RFC6455 + "§5.5", 1002, frame(CLOSE, concat(closePayload(1000), filled(124, 'r')))));
        cases.add(WebSocketCase.closes("ping-fragmented", RFC6455 + "§5.5: control frames MUST NOT be fragmented", 1002,
                frame(false, 0, PING, true, ascii("pi")), frame(true, 0, CONTINUATION, true, ascii("ng"))));
        cases.add(WebSocketCase.ignored("pong-unsolicited", RFC6455 + "§5.5.3: an unsolicited pong expects no response",
                frame(PONG, ascii("unasked"))));
    }

    // ---- RFC 6455 §5.4: fragmentation ------------------------------------------------------------------------------

    private static void fragmentation(List<WebSocketCase> cases) {
        String rule = RFC6455 + "§5.4";
        cases.add(WebSocketCase.closes("continuation-without-start", rule + ": a continuation needs a message to continue", 1002,
                frame(true, 0, CONTINUATION, true, ascii("orphan"))));
        cases.add(WebSocketCase.closes("text-inside-fragmented-message", rule + ": a new data frame MUST NOT interleave a fragmented message",
                1002, frame(false, 0, TEXT, true, ascii("first")), frame(true, 0, TEXT, true, ascii("second"))));
        cases.add(WebSocketCase.closes("binary-inside-fragmented-text", rule, 1002,
                frame(false, 0, TEXT, true, ascii("first")), frame(true, 0, BINARY, true, ascii("second"))));
        cases.add(WebSocketCase.pongs("ping-between-fragments", rule + ": control frames MAY be injected in the middle of a fragmented message",
                ascii("mid"), frame(false, 0, TEXT, true, ascii("fragm")), frame(PING, ascii("mid")),
                frame(true, 0, CONTINUATION, true, ascii("ented"))));
        cases.add(WebSocketCase.ignored("fragmented-text", rule + ": a valid fragmented message is a message, and ignored",
                frame(false, 0, TEXT, true, ascii("frag")), frame(false, 0, CONTINUATION, true, ascii("men")),
                frame(true, 0, CONTINUATION, true, ascii("ted"))));
        cases.add(WebSocketCase.ignored("fragment-empty-final", rule + ": an empty final fragment is valid",
                frame(false, 0, TEXT, true, ascii("text")), frame(true, 0, CONTINUATION, true, new byte[0])));
    }

    // ---- RFC 6455 §8.1: text is UTF-8 ------------------------------------------------------------------------------

    private static void utf8(List<WebSocketCase> cases) {
        String rule = RFC6455 + "§8.1: a text message that is not UTF-8 MUST fail the connection with 1007 (§7.4.1)";
        cases.add(WebSocketCase.closes("utf8-invalid-byte", rule, 1007, frame(TEXT, bytes(0x68, 0x69, 0xFF))));
        cases.add(WebSocketCase.closes("utf8-surrogate", rule + " (a UTF-16 surrogate, RFC 3629 §3)", 1007,
                frame(TEXT, bytes(0xED, 0xA0, 0x80))));
        cases.add(WebSocketCase.closes("utf8-overlong", rule + " (an overlong '/', RFC 3629 §3)", 1007, frame(TEXT, bytes(0xC0, 0xAF))));
        cases.add(WebSocketCase.closes("utf8-invalid-across-fragments", rule + ", judged over the whole message", 1007,
                frame(false, 0, TEXT, true, bytes(0x6B, 0xCE)), frame(true, 0, CONTINUATION, true, bytes(0x41))));
        byte[] kosme = "κόσμε".getBytes(StandardCharsets.UTF_8);
        cases.add(WebSocketCase.ignored("utf8-valid-split-across-fragments", RFC6455 + "§5.6: a code point may span fragments",
                frame(false, 0, TEXT, true, Arrays.copyOfRange(kosme, 0, 3)),
                frame(true, 0, CONTINUATION, true, Arrays.copyOfRange(kosme, 3, kosme.length))));
    }

    // ---- CONTRACT.md Limits: client messages up to 4 KiB -----------------------------------------------------------

    private static void sizes(List<WebSocketCase> cases) {
        int limit = Limits.MAX_WEBSOCKET_FRAME_BYTES;
        String rule = "CONTRACT.md Limits, RFC 6455 §7.4.1 (1009: too big to process)";
        cases.add(WebSocketCase.ignored("text-exactly-4KiB", rule + ": 4 KiB is accepted", frame(TEXT, filled(limit, 'x'))));
        cases.add(WebSocketCase.closes("text-over-4KiB", rule, 1009, frame(TEXT, filled(limit + 1, 'x'))));
        cases.add(WebSocketCase.closes("binary-over-4KiB", rule, 1009, frame(BINARY, filled(limit + 1, 'x'))));
        cases.add(WebSocketCase.closes("text-64-bit-length", rule + " (a 64-bit length, RFC 6455 §5.2)", 1009,
                frame(TEXT, filled(70_000, 'x'))));
        int third = limit / 3 + 1;
        cases.add(WebSocketCase.closes("fragmented-over-4KiB", rule + ": the whole message counts", 1009,
                frame(false, 0, TEXT, true, filled(third, 'x')), frame(false, 0, CONTINUATION, true, filled(third, 'x')),
                frame(true, 0, CONTINUATION, true, filled(third + 1, 'x'))));
    }

    // ---- RFC 6455 §5.5.1, §7.4: close frames -----------------------------------------------------------------------

    private static void closeCodes(List<WebSocketCase> cases) {
        String echo = RFC6455 + "§5.5.1: a close is answered with a close (CONTRACT.md: the same code)";
        for (int code : new int[] {1000, 1001, 3000, 4000, 4999}) {
            cases.add(WebSocketCase.closes("close-" + code + "-echoed", echo + "; §7.4.2: " + code + " is valid", code,
                    frame(CLOSE, closePayload(code))));
        }
        cases.add(WebSocketCase.closes("close-with-reason-echoed", echo, 1000, frame(CLOSE, concat(closePayload(1000), ascii("bye")))));
        cases.add(WebSocketCase.closes("close-1-byte-payload", RFC6455 + "§5.5.1: a body is a 2-byte code, then a reason", 1002,
                frame(CLOSE, new byte[] {3})));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999}) {
            cases.add(WebSocketCase.closes("close-code-" + code, RFC6455 + "§7.4.1, §7.4.2: " + code + " MUST NOT be sent in a close frame",
                    1002, frame(CLOSE, closePayload(code))));
        }
    }

    // ---- CONTRACT.md point 7: client messages are ignored ----------------------------------------------------------

    private static void ignoredMessages(List<WebSocketCase> cases) {
        String rule = "CONTRACT.md point 7: client messages are ignored";
        cases.add(WebSocketCase.ignored("text-message", rule, frame(TEXT, ascii("hello"))));
        cases.add(WebSocketCase.ignored("text-that-looks-like-a-count", rule, frame(TEXT, ascii("99"))));
        cases.add(WebSocketCase.ignored("binary-message", rule, frame(BINARY, bytes(0, 1, 2, 0xFF))));
        cases.add(WebSocketCase.ignored("empty-text", rule, frame(TEXT, new byte[0])));
        cases.add(WebSocketCase.ignored("invalid-utf8-in-binary", rule + " (binary is not UTF-8 checked, RFC 6455 §5.6)",
                frame(BINARY, bytes(0xFF, 0xC0, 0xAF))));
    }

    // ---- CONTRACT.md Protocol rules: the /counter handshake (RFC 6455 §4.2) -----------------------------------------

    static List<Handshake> handshakes() {
        List<Handshake> cases = new ArrayList<>();
        String refused = RFC6455 + "§4.2.1: the server MUST answer 400 (CONTRACT.md)";
        cases.add(new Handshake("handshake-no-upgrade", "RFC 9110 §15.5.22: 426 names the protocol",
                ProtocolCorpus.request(GET_COUNTER, HOST, CONNECTION, KEY, VERSION), 426, "Upgrade", "websocket"));
        cases.add(new Handshake("handshake-upgrade-not-websocket", "RFC 9110 §15.5.22",
                ProtocolCorpus.request(GET_COUNTER, HOST, "Upgrade: foo", CONNECTION, KEY, VERSION), 426, "Upgrade", "websocket"));
        cases.add(new Handshake("handshake-no-connection-upgrade", refused,
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, KEY, VERSION), 400, null, null));
        cases.add(new Handshake("handshake-connection-keep-alive", refused,
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, "Connection: keep-alive", KEY, VERSION), 400, null, null));
        cases.add(new Handshake("handshake-no-key", refused,
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, CONNECTION, VERSION), 400, null, null));
        cases.add(new Handshake("handshake-key-short", refused + " (a key decodes to 16 bytes)",
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, CONNECTION, "Sec-WebSocket-Key: c2hvcnQ=", VERSION), 400, null, null));
        cases.add(new Handshake("handshake-key-not-base64", refused,
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, CONNECTION, "Sec-WebSocket-Key: !!!!not*base64!!!!!!!==", VERSION),
                400, null, null));
        cases.add(new Handshake("handshake-http10", refused + " (HTTP/1.1 or higher)",
                ProtocolCorpus.request("GET /counter HTTP/1.0", HOST, UPGRADE, CONNECTION, KEY, VERSION), 400, null, null));
        cases.add(new Handshake("handshake-version-8", RFC6455 + "§4.4: 426 with the version the server speaks",
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, CONNECTION, KEY, "Sec-WebSocket-Version: 8"), 426,
                "Sec-WebSocket-Version", "13"));
        cases.add(new Handshake("handshake-version-14", RFC6455 + "§4.4",
                ProtocolCorpus.request(GET_COUNTER, HOST, UPGRADE, CONNECTION, KEY, "Sec-WebSocket-Version: 14"), 426,
                "Sec-WebSocket-Version", "13"));
        return cases;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] filled(int size, char c) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
