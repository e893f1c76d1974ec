package dev.webbench.conformance;

import java.util.List;

/**
 * One row of the WebSocket corpus: the frames a client sends on {@code /counter} after a valid handshake, the
 * RFC 6455 clause it checks, and its one expected outcome.
 *
 * @param id       a short stable name, unique in the corpus
 * @param rule     the clause it checks
 * @param frames   the bytes sent, one write per frame, in order
 * @param outcome  what the server does
 * @param code     for {@link Outcome#CLOSE}: the status code of the server's close frame
 * @param pong     for {@link Outcome#PONG}: the payload the pong must carry
 */
record WebSocketCase(String id, String rule, List<byte[]> frames, Outcome outcome, int code, byte[] pong) {

    enum Outcome {
        /** The server sends a close frame with {@link #code}, then closes the TCP connection. */
        CLOSE,
        /** The server answers with a pong carrying {@link #pong}; the connection stays and still gets counts. */
        PONG,
        /** No reply at all (counter updates aside); the connection stays and still gets counts. */
        IGNORED
    }

    static WebSocketCase closes(String id, String rule, int code, byte[]... frames) {
        return new WebSocketCase(id, rule, List.of(frames), Outcome.CLOSE, code, null);
    }

    static WebSocketCase pongs(String id, String rule, byte[] payload, byte[]... frames) {
        return new WebSocketCase(id, rule, List.of(frames), Outcome.PONG, 0, payload);
    }

    static WebSocketCase ignored(String id, String rule, byte[]... frames) {
        return new WebSocketCase(id, rule, List.of(frames), Outcome.IGNORED, 0, null);
    }

    /** True when the client itself sent a close frame, so that it must not answer the server's one. */
    boolean clientSentClose() {
        return frames.stream().anyMatch(frame -> (frame[0] & 0xF) == RawWebSocket.CLOSE);
    }

    @Override
    public String toString() {
        return id;
    }
}
