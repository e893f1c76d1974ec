package dev.webbench.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the protocol corpus: the exact bytes a client sends (in one or several TCP writes), the rule it
 * checks, and its one expected outcome: the answers in order, whether the server then closes the connection or
 * answers a follow-up request on it as a request of its own, and how many rows the request wrote.
 *
 * @param id          a short stable name, unique in the corpus
 * @param rule        the clause it checks (RFC 9112 §6.3, CONTRACT.md "Protocol rules", ...)
 * @param writes      what is sent, in order; a write may wait before it is sent
 * @param answers     the responses expected, in order; none beyond them
 * @param after       what the connection does after the last answer
 * @param productName the {@code product_name} a POST of this case carries, whose rows are counted afterwards; or null
 * @param rows        how many rows with {@code productName} must exist afterwards
 */
record ProtocolCase(String id, String rule, List<Write> writes, List<Answer> answers, After after, String productName, int rows) {

    /** Bytes written in one {@code write} call, after a pause (to split a request across TCP segments). */
    record Write(byte[] bytes, long pauseMillis) {
    }

    /**
     * An expected response. {@code headers} maps a header name to a value it must contain (case-insensitive),
     * or to "" when only its presence is required.
     */
    record Answer(int status, boolean toHead, Map<String, String> headers) {
    }

    enum After {
        /** The server closes the connection: a protocol refusal, or HTTP/1.0 without keep-alive. */
        CLOSED,
        /** The connection stays usable: a follow-up {@code GET /time} on it gets its own 200. */
        KEPT,
        /** Either is allowed (e.g. a 413 whose refused body the client never sent). */
        EITHER
    }

    static Builder named(String id, String rule) {
        return new Builder(id, rule);
    }

    @Override
    public String toString() {
        return id;
    }

    static final class Builder {
        private final String id;
        private final String rule;
        private final List<Write> writes = new ArrayList<>();
        private final List<Answer> answers = new ArrayList<>();
        private String productName;
        private int rows;

        private Builder(String id, String rule) {
            this.id = id;
            this.rule = rule;
        }

        Builder send(String text) {
            return send(text.getBytes(StandardCharsets.ISO_8859_1), 0);
        }

        Builder send(byte[] bytes, long pauseMillis) {
            writes.add(new Write(bytes, pauseMillis));
            return this;
        }

        /** Sends {@code text} one byte per write, as a client on a bad link or a parser-splitting attacker would. */
        Builder sendBytewise(String text) {
            for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                writes.add(new Write(new byte[] {b}, 0));
            }
            return this;
        }

        Builder pauseThenSend(long pauseMillis, String text) {
            return send(text.getBytes(StandardCharsets.ISO_8859_1), pauseMillis);
        }

        Builder answer(int status, String... headerPairs) {
            answers.add(new Answer(status, false, headers(headerPairs)));
            return this;
        }

        Builder answerToHead(int status, String... headerPairs) {
            answers.add(new Answer(status, true, headers(headerPairs)));
            return this;
        }

        /** The POST carries this product name; afterwards exactly {@code expectedRows} rows have it. */
        Builder writes(String name, int expectedRows) {
            this.productName = name;
            this.rows = expectedRows;
            return this;
        }

        ProtocolCase thenClosed() {
            return build(After.CLOSED);
        }

        ProtocolCase thenKept() {
            return build(After.KEPT);
        }

        ProtocolCase thenEither() {
            return build(After.EITHER);
        }

        private ProtocolCase build(After after) {
            if (answers.isEmpty()) {
                throw new IllegalStateException(id + ": a case expects at least one answer");
            }
            return new ProtocolCase(id, rule, List.copyOf(writes), List.copyOf(answers), after, productName, rows);
        }

        private static Map<String, String> headers(String... pairs) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                headers.put(pairs[i], pairs[i + 1]);
            }
            return headers;
        }
    }
}
