package dev.webbench.conformance;

import dev.webbench.contract.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/1.1 protocol corpus: CONTRACT.md's "Protocol rules" as data, one {@link ProtocolCase} per row,
 * each with the clause it checks. {@link ProtocolCorpusContract} sends every row to the server under test.
 *
 * <p>Rows that POST carry a product name made unique by {@code nonce}, so that what each one wrote can be
 * counted, and two runs against one database never see each other's rows.
 */
final class ProtocolCorpus {
    private static final String RFC9112 = "RFC 9112 ";
    private static final String RFC9110 = "RFC 9110 ";
    private static final String PATHS = "CONTRACT.md Protocol rules: paths (RFC 3986 §6)";
    private static final String HOST = "Host: localhost";
    private static final String CLOSE = "close";

    private ProtocolCorpus() {
    }

    static List<ProtocolCase> cases(String nonce) {
        List<ProtocolCase> cases = new ArrayList<>();
        requestLine(cases);
        targets(cases);
        host(cases);
        headerFields(cases);
        contentLength(cases, nonce);
        transferEncoding(cases, nonce);
        chunkedBodies(cases, nonce);
        smuggling(cases, nonce);
        pipelining(cases, nonce);
        methods(cases);
        paths(cases);
        return cases;
    }

    // ---- RFC 9112 §3: the request line -------------------------------------------------------------------
    // Not here: separators of several spaces or tabs, and a lower-case "http/1.1", which §3 lets a recipient
    // either refuse or read leniently, and which the codecs under test normalize before any application sees them.

    private static void requestLine(List<ProtocolCase> cases) {
        cases.add(refused("http09-no-version", RFC9112 + "§3", 400, "GET /time\r\n\r\n"));
        cases.add(refused("version-2.0", RFC9110 + "§15.6.6", 505, request("GET /time HTTP/2.0", HOST)));
        cases.add(refused("version-3.0", RFC9110 + "§15.6.6", 505, request("GET /time HTTP/3.0", HOST)));
        cases.add(refused("http2-preface", RFC9110 + "§15.6.6 (prior-knowledge h2 on an HTTP/1.1 port)", 505,
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        cases.add(refused("line-four-parts", RFC9112 + "§3", 400, request("GET /time HTTP/1.1 extra", HOST)));
        cases.add(refused("line-garbage", RFC9112 + "§3", 400, "THIS IS NOT HTTP\r\n\r\n"));
        cases.add(refused("line-bare-cr", RFC9112 + "§2.2", 400, "GET /time HTTP/1.1\rHost: localhost\r\n\r\n"));
        cases.add(refused("line-bare-lf", RFC9112 + "§2.2", 400, "GET /time HTTP/1.1\nHost: localhost\n\n"));
        cases.add(refused("method-invalid-token", RFC9112 + "§3.1", 400, request("G@T /time HTTP/1.1", HOST)));
        cases.add(refused("request-line-over-8KiB", "CONTRACT.md Limits", 414,
                request("GET /products/" + "1".repeat(20 * 1024) + " HTTP/1.1", HOST)));
        cases.add(ProtocolCase.named("leading-empty-line", RFC9112 + "§2.2: SHOULD ignore one empty line before the request")
                .send("\r\n" + request("GET /time HTTP/1.1", HOST)).answer(200).thenKept());
        cases.add(ProtocolCase.named("http10-without-host", RFC9112 + "§3.2 (Host is required from 1.1), §9.3 (1.0 closes)")
                .send("GET /time HTTP/1.0\r\n\r\n").answer(200).thenClosed());
    }

    // ---- RFC 9112 §3.2: request-target forms -------------------------------------------------------------

    private static void targets(List<ProtocolCase> cases) {
        cases.add(refused("target-nul", RFC9112 + "§3.2", 400, request("GET /ti\0me HTTP/1.1", HOST)));
        cases.add(refused("target-non-ascii", RFC9112 + "§3.2", 400, request("GET /caf\u00e9 HTTP/1.1", HOST)));
        cases.add(refused("target-fragment", RFC9112 + "§3.2 (no fragment in a request-target)", 400,
                request("GET /time#frag HTTP/1.1", HOST)));
        cases.add(refused("target-asterisk-on-get", RFC9112 + "§3.2.4 (asterisk-form is for OPTIONS only)", 400,
                request("GET * HTTP/1.1", HOST)));
        cases.add(refused("target-authority-form", RFC9112 + "§3.2.3 (authority-form is for CONNECT)", 400,
                request("GET localhost:80 HTTP/1.1", HOST)));
        cases.add(refused("target-relative", RFC9112 + "§3.2", 400, request("GET time HTTP/1.1", HOST)));
        cases.add(refused("target-backslash", RFC9112 + "§3.2 (not a URI character)", 400,
                request("GET /products\\..\\brands HTTP/1.1", HOST)));
        cases.add(ok("absolute-form", RFC9112 + "§3.2.2: a server MUST accept absolute-form",
                request("GET http://localhost/time HTTP/1.1", HOST)));
        cases.add(ok("absolute-form-other-host", RFC9112 + "§3.2.2: the target's authority wins over Host",
                request("GET http://elsewhere.example/time HTTP/1.1", HOST)));
        cases.add(ok("absolute-form-empty-path", RFC9112 + "§3.2.2: an empty path is /",
                request("GET http://localhost HTTP/1.1", HOST)));
        cases.add(refused("absolute-form-empty-host", RFC9110 + "§4.2.1: an http URI with an empty host is invalid", 400,
                request("GET http:///time HTTP/1.1", HOST)));
    }

    // ---- RFC 9112 §3.2: Host ---------------------------------------------------------------------------------

    private static void host(List<ProtocolCase> cases) {
        String rule = RFC9112 + "§3.2: MUST answer 400";
        cases.add(refused("host-missing", rule, 400, request("GET /time HTTP/1.1")));
        cases.add(refused("host-twice-different", rule, 400, request("GET /time HTTP/1.1", "Host: a", "Host: b")));
        cases.add(refused("host-twice-same", rule, 400, request("GET /time HTTP/1.1", HOST, HOST)));
        cases.add(refused("host-with-space", rule, 400, request("GET /time HTTP/1.1", "Host: local host")));
        cases.add(refused("host-list", rule, 400, request("GET /time HTTP/1.1", "Host: a, b")));
        cases.add(refused("host-userinfo", rule, 400, request("GET /time HTTP/1.1", "Host: user@localhost")));
        cases.add(refused("host-port-not-numeric", rule, 400, request("GET /time HTTP/1.1", "Host: localhost:http")));
        cases.add(refused("host-on-absolute-form-missing", rule + " (absolute-form too)", 400,
                request("GET http://localhost/time HTTP/1.1")));
        cases.add(ok("host-empty", RFC9112 + "§3.2: an empty Host is valid", request("GET /time HTTP/1.1", "Host:")));
        cases.add(ok("host-ipv6", "RFC 3986 §3.2.2", request("GET /time HTTP/1.1", "Host: [::1]:8080")));
        cases.add(ok("host-ipv4-port", "RFC 3986 §3.2.2", request("GET /time HTTP/1.1", "Host: 127.0.0.1:8080")));
    }

    // ---- RFC 9112 §5: field lines ---------------------------------------------------------------------------

    private static void headerFields(List<ProtocolCase> cases) {
        cases.add(refused("field-space-before-colon", RFC9112 + "§5.1: MUST answer 400", 400,
                request("GET /time HTTP/1.1", HOST, "X-Probe : 1")));
        cases.add(refused("field-tab-before-colon", RFC9112 + "§5.1", 400, request("GET /time HTTP/1.1", HOST, "X-Probe\t: 1")));
        cases.add(refused("field-obs-fold", RFC9112 + "§5.2 (the contract chooses 400 over unfolding)", 400,
                request("GET /time HTTP/1.1", HOST, "X-Probe: a", " b")));
        cases.add(refused("field-first-line-folded", RFC9112 + "§2.2 (whitespace before the first field)", 400,
                request("GET /time HTTP/1.1", " " + HOST)));
        cases.add(refused("field-no-colon", RFC9112 + "§5", 400, request("GET /time HTTP/1.1", HOST, "X-Probe")));
        cases.add(refused("field-empty-name", RFC9112 + "§5", 400, request("GET /time HTTP/1.1", HOST, ": value")));
        cases.add(refused("field-name-invalid-char", RFC9110 + "§5.1 (token)", 400,
                request("GET /time HTTP/1.1", HOST, "X(Probe): 1")));
        cases.add(refused("field-value-nul", RFC9110 + "§5.5: NUL MUST be refused", 400,
                request("GET /time HTTP/1.1", HOST, "X-Probe: a\0b")));
        cases.add(refused("field-value-bare-cr", RFC9110 + "§5.5", 400, request("GET /time HTTP/1.1", HOST, "X-Probe: a\rb")));
        cases.add(refused("field-value-control", RFC9110 + "§5.5", 400, request("GET /time HTTP/1.1", HOST, "X-Probe: a\u0001b")));
        cases.add(refused("field-bare-lf", RFC9112 + "§2.2 (the contract refuses bare LF)", 400,
                "GET /time HTTP/1.1\r\nHost: localhost\nX-Probe: 1\r\n\r\n"));
        cases.add(refused("fields-over-8KiB", "CONTRACT.md Limits", 431,
                request("GET /time HTTP/1.1", HOST, "X-Filler: " + "a".repeat(20 * 1024))));
        List<String> many = new ArrayList<>();
        many.add(HOST);
        for (int i = 0; i < 1000; i++) {
            many.add("X-Many-" + i + ": v");
        }
        cases.add(refused("fields-a-thousand", "CONTRACT.md Limits (8 KiB of fields in total)", 431,
                request("GET /time HTTP/1.1", many.toArray(String[]::new))));
        cases.add(ok("field-value-obs-text", RFC9110 + "§5.5: obs-text is allowed in values",
                request("GET /time HTTP/1.1", HOST, "X-Probe: caf\u00e9")));
        cases.add(ok("field-value-trailing-whitespace", RFC9110 + "§5.5 (OWS around the value)",
                request("GET /time HTTP/1.1", HOST, "X-Probe: \t value \t")));
        cases.add(ok("field-name-case", RFC9110 + "§5.1: names are case-insensitive",
                request("GET /time HTTP/1.1", "hOsT: localhost")));
    }

    // ---- RFC 9112 §6.3: Content-Length ---------------------------------------------------------------------

    private static void contentLength(List<ProtocolCase> cases, String nonce) {
        String rule = RFC9112 + "§6.3: an invalid Content-Length is unrecoverable";
        String[][] invalid = {
                {"cl-plus-sign", "+%d"}, {"cl-negative", "-%d"}, {"cl-hex", "0x%x"}, {"cl-list", "%d, %d"},
                {"cl-inner-space", "%d 0"}, {"cl-empty", ""}, {"cl-letters", "%dabc"},
                {"cl-overflow", "99999999999999999999"},
        };
        for (String[] row : invalid) {
            String name = name(nonce, row[0]);
            String body = product(name);
            String value = row[1].replace("%d", String.valueOf(body.length())).replace("%x", Integer.toHexString(body.length()));
            cases.add(ProtocolCase.named(row[0], rule)
                    .send(request("POST /product HTTP/1.1", HOST, "Content-Length: " + value) + body)
                    .answer(400, "Connection", CLOSE).writes(name, 0).thenClosed());
        }
        String twiceSame = name(nonce, "cl-twice-same");
        cases.add(ProtocolCase.named("cl-twice-same", rule + " (even if the two agree)")
                .send(post(twiceSame, "Content-Length: " + product(twiceSame).length(), "Content-Length: " + product(twiceSame).length()))
                .answer(400, "Connection", CLOSE).writes(twiceSame, 0).thenClosed());
        String twiceDifferent = name(nonce, "cl-twice-different");
        cases.add(ProtocolCase.named("cl-twice-different", rule)
                .send(post(twiceDifferent, "Content-Length: " + product(twiceDifferent).length(), "Content-Length: 2"))
                .answer(400, "Connection", CLOSE).writes(twiceDifferent, 0).thenClosed());
        String leadingZeros = name(nonce, "cl-leading-zeros");
        cases.add(ProtocolCase.named("cl-leading-zeros", RFC9112 + "§6.3: 1*DIGIT, leading zeros included")
                .send(post(leadingZeros, "Content-Length: 000" + product(leadingZeros).length()))
                .answer(201, "Location", "/products/").writes(leadingZeros, 1).thenKept());
        cases.add(ProtocolCase.named("cl-over-limit", "CONTRACT.md Limits: over 64 KiB is 413, before the body is read")
                .send(request("POST /product HTTP/1.1", HOST, "Content-Length: " + (Limits.MAX_BODY_BYTES + 1)))
                .answer(413).thenEither());
        String ignored = "GET /x HTTP/1.1";
        cases.add(ProtocolCase.named("get-with-body", RFC9110 + "§9.3.1: the body is read and ignored, never taken for a request")
                .send(request("GET /time HTTP/1.1", HOST, "Content-Length: " + ignored.length()) + ignored)
                .answer(200).thenKept());
    }

    // ---- RFC 9112 §6.1, §6.3: Transfer-Encoding ------------------------------------------------------------

    private static void transferEncoding(List<ProtocolCase> cases, String nonce) {
        String rule = "CONTRACT.md Protocol rules; " + RFC9112 + "§6.3 (chunked must be final)";
        String[][] disguises = {
                {"te-xchunked", "Transfer-Encoding: xchunked"}, {"te-chunked-identity", "Transfer-Encoding: chunked, identity"},
                {"te-gzip-chunked", "Transfer-Encoding: gzip, chunked"}, {"te-identity", "Transfer-Encoding: identity"},
                {"te-quoted", "Transfer-Encoding: \"chunked\""}, {"te-chunked-semicolon", "Transfer-Encoding: chunked;q=1"},
                {"te-two-lines", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"},
                {"te-chunked-then-other-line", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity"},
        };
        for (String[] row : disguises) {
            String name = name(nonce, row[0]);
            cases.add(ProtocolCase.named(row[0], rule)
                    .send(request("POST /product HTTP/1.1", HOST, row[1]) + chunked(product(name)))
                    .answer(400, "Connection", CLOSE).writes(name, 0).thenClosed());
        }
        String http10 = name(nonce, "te-in-http10");
        cases.add(ProtocolCase.named("te-in-http10", RFC9112 + "§6.1: Transfer-Encoding in HTTP/1.0 is faulty framing")
                .send(request("POST /product HTTP/1.0", HOST, "Transfer-Encoding: chunked") + chunked(product(http10)))
                .answer(400).writes(http10, 0).thenClosed());
        String folded = name(nonce, "te-obs-fold");
        cases.add(ProtocolCase.named("te-obs-fold", RFC9112 + "§5.2")
                .send(request("POST /product HTTP/1.1", HOST, "Transfer-Encoding:", " chunked") + chunked(product(folded)))
                .answer(400, "Connection", CLOSE).writes(folded, 0).thenClosed());
        String upper = name(nonce, "te-upper-case");
        cases.add(ProtocolCase.named("te-upper-case", RFC9112 + "§7: coding names are case-insensitive")
                .send(request("POST /product HTTP/1.1", HOST, "Transfer-Encoding: CHUNKED") + chunked(product(upper)))
                .answer(201).writes(upper, 1).thenKept());
        String tab = name(nonce, "te-tab-before-value");
        cases.add(ProtocolCase.named("te-tab-before-value", RFC9110 + "§5.6.3 (OWS may be a tab)")
                .send(request("POST /product HTTP/1.1", HOST, "Transfer-Encoding:\tchunked") + chunked(product(tab)))
                .answer(201).writes(tab, 1).thenKept());
    }

    // ---- RFC 9112 §7.1: chunked bodies ---------------------------------------------------------------------

    private static void chunkedBodies(List<ProtocolCase> cases, String nonce) {
        String rule = RFC9112 + "§7.1";
        String valid = name(nonce, "chunked-valid");
        cases.add(ProtocolCase.named("chunked-valid", rule)
                .send(chunkedPost(chunked(product(valid)))).answer(201).writes(valid, 1).thenKept());
        String pieces = name(nonce, "chunked-many-pieces");
        StringBuilder many = new StringBuilder();
        for (char c : product(pieces).toCharArray()) {
            many.append("1\r\n").append(c).append("\r\n");
        }
        cases.add(ProtocolCase.named("chunked-many-pieces", rule)
                .send(chunkedPost(many + "0\r\n\r\n")).answer(201).writes(pieces, 1).thenKept());
        String extension = name(nonce, "chunked-extension");
        String extBody = product(extension);
        cases.add(ProtocolCase.named("chunked-extension", RFC9112 + "§7.1.1: unknown extensions are ignored")
                .send(chunkedPost(Integer.toHexString(extBody.length()) + ";name=value\r\n" + extBody + "\r\n0\r\n\r\n"))
                .answer(201).writes(extension, 1).thenKept());
        String quotedExt = name(nonce, "chunked-extension-quoted");
        String quotedBody = product(quotedExt);
        cases.add(ProtocolCase.named("chunked-extension-quoted", RFC9112 + "§7.1.1")
                .send(chunkedPost(Integer.toHexString(quotedBody.length()) + ";name=\"a value\"\r\n" + quotedBody + "\r\n0\r\n\r\n"))
                .answer(201).writes(quotedExt, 1).thenKept());
        String trailer = name(nonce, "chunked-trailer");
        String trailerBody = product(trailer);
        cases.add(ProtocolCase.named("chunked-trailer", RFC9112 + "§7.1.2: trailer fields are ignored")
                .send(chunkedPost(Integer.toHexString(trailerBody.length()) + "\r\n" + trailerBody + "\r\n0\r\nX-Trailer: 1\r\n\r\n"))
                .answer(201).writes(trailer, 1).thenKept());
        String zeros = name(nonce, "chunked-size-leading-zeros");
        String zerosBody = product(zeros);
        cases.add(ProtocolCase.named("chunked-size-leading-zeros", rule + " (1*HEXDIG)")
                .send(chunkedPost("000" + Integer.toHexString(zerosBody.length()) + "\r\n" + zerosBody + "\r\n0\r\n\r\n"))
                .answer(201).writes(zeros, 1).thenKept());

        String[][] broken = {
                {"chunked-size-not-hex", "zz\r\n%s\r\n0\r\n\r\n"},
                {"chunked-size-empty", "\r\n%s\r\n0\r\n\r\n"},
                {"chunked-size-negative", "-%x\r\n%s\r\n0\r\n\r\n"},
                {"chunked-size-0x-prefix", "0x%x\r\n%s\r\n0\r\n\r\n"},
                {"chunked-size-overflow", "ffffffffffffffffffff\r\n%s\r\n0\r\n\r\n"},
                {"chunked-data-longer-than-size", "3\r\n%s\r\n0\r\n\r\n"},
                {"chunked-data-without-crlf", "%x\r\n%sXX0\r\n\r\n"},
                {"chunked-size-bare-lf", "%x\n%s\r\n0\r\n\r\n"},
        };
        for (String[] row : broken) {
            String name = name(nonce, row[0]);
            String body = product(name);
            String framing = row[1].replace("%x", Integer.toHexString(body.length())).replace("%s", body);
            cases.add(ProtocolCase.named(row[0], rule)
                    .send(chunkedPost(framing)).answer(400, "Connection", CLOSE).writes(name, 0).thenClosed());
        }
        String big = "x".repeat(8 * 1024);
        StringBuilder overLimit = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            overLimit.append("2000\r\n").append(big).append("\r\n");
        }
        cases.add(ProtocolCase.named("chunked-over-limit", "CONTRACT.md Limits: chunked bodies over 64 KiB are 413")
                .send(chunkedPost(overLimit + "0\r\n\r\n")).answer(413).thenEither());
    }

    // ---- Request smuggling: framing two parsers could read differently (RFC 9112 §6.3, §11.2) ------------------

    private static void smuggling(List<ProtocolCase> cases, String nonce) {
        String rule = RFC9112 + "§6.3, §11.2 (request smuggling)";
        String smuggled = "GET /smuggled HTTP/1.1\r\n" + HOST + "\r\n\r\n";
        String clTe = name(nonce, "smuggle-cl-te");
        String clTeBody = chunked(product(clTe)) + smuggled;
        cases.add(ProtocolCase.named("smuggle-cl-te", rule + ": Content-Length covers what chunked leaves over")
                .send(request("POST /product HTTP/1.1", HOST, "Content-Length: " + clTeBody.length(), "Transfer-Encoding: chunked") + clTeBody)
                .answer(400, "Connection", CLOSE).writes(clTe, 0).thenClosed());
        String teCl = name(nonce, "smuggle-te-cl");
        String teClBody = chunked(product(teCl)) + smuggled;
        cases.add(ProtocolCase.named("smuggle-te-cl", rule + ": Transfer-Encoding first, a short Content-Length")
                .send(request("POST /product HTTP/1.1", HOST, "Transfer-Encoding: chunked", "Content-Length: 4") + teClBody)
                .answer(400, "Connection", CLOSE).writes(teCl, 0).thenClosed());
        String teTe = name(nonce, "smuggle-te-te");
        cases.add(ProtocolCase.named("smuggle-te-te", rule + ": one parser honours the second Transfer-Encoding, one ignores it")
                .send(request("POST /product HTTP/1.1", HOST, "Transfer-Encoding: chunked", "Transfer-Encoding: x")
                        + chunked(product(teTe)) + smuggled)
                .answer(400, "Connection", CLOSE).writes(teTe, 0).thenClosed());
        String teSpace = name(nonce, "smuggle-te-space-colon");
        cases.add(ProtocolCase.named("smuggle-te-space-colon", rule + ": 'Transfer-Encoding :' read by a lax parser only")
                .send(request("POST /product HTTP/1.1", HOST, "Content-Length: 5", "Transfer-Encoding : chunked")
                        + chunked(product(teSpace)) + smuggled)
                .answer(400, "Connection", CLOSE).writes(teSpace, 0).thenClosed());
        String teCase = name(nonce, "smuggle-cl-te-mixed-case");
        String teCaseBody = chunked(product(teCase)) + smuggled;
        cases.add(ProtocolCase.named("smuggle-cl-te-mixed-case", rule + ": tRaNsFeR-eNcOdInG is still Transfer-Encoding")
                .send(request("POST /product HTTP/1.1", HOST, "Content-Length: " + teCaseBody.length(), "tRaNsFeR-eNcOdInG: cHuNkEd")
                        + teCaseBody)
                .answer(400, "Connection", CLOSE).writes(teCase, 0).thenClosed());
        String clClSmuggle = name(nonce, "smuggle-cl-cl");
        String clClBody = product(clClSmuggle);
        cases.add(ProtocolCase.named("smuggle-cl-cl", rule + ": two lengths, one covering a second request")
                .send(request("POST /product HTTP/1.1", HOST, "Content-Length: " + clClBody.length(),
                        "Content-Length: " + (clClBody.length() + smuggled.length())) + clClBody + smuggled)
                .answer(400, "Connection", CLOSE).writes(clClSmuggle, 0).thenClosed());
        cases.add(ProtocolCase.named("smuggle-get-te", rule + ": a GET with a chunked body whose terminator is missing")
                .send(request("GET /time HTTP/1.1", HOST, "Content-Length: 0", "Transfer-Encoding: chunked") + "0\r\n\r\n" + smuggled)
                .answer(400, "Connection", CLOSE).thenClosed());
    }

    // ---- RFC 9112 §9.3.2: pipelining, and requests split across writes -----------------------------------------

    private static void pipelining(List<ProtocolCase> cases, String nonce) {
        String rule = RFC9112 + "§9.3.2: pipelined requests are answered in order";
        String time = request("GET /time HTTP/1.1", HOST);
        cases.add(ProtocolCase.named("pipeline-two", rule).send(time + time).answer(200).answer(200).thenKept());
        cases.add(ProtocolCase.named("pipeline-three-routes", rule)
                .send(time + request("GET /brands HTTP/1.1", HOST) + request("GET /products/1 HTTP/1.1", HOST))
                .answer(200).answer(200).answer(200).thenKept());
        ProtocolCase.Builder fifty = ProtocolCase.named("pipeline-fifty", rule).send(time.repeat(50));
        for (int i = 0; i < 50; i++) {
            fifty.answer(200);
        }
        cases.add(fifty.thenKept());
        cases.add(ProtocolCase.named("pipeline-good-then-bad", rule + "; a protocol refusal is the last answer")
                .send(time + request("GET /time HTTP/1.1") + time)
                .answer(200).answer(400, "Connection", CLOSE).thenClosed());
        cases.add(ProtocolCase.named("pipeline-bad-then-good", rule + "; nothing after a protocol refusal is answered")
                .send(request("GET /time HTTP/1.1", HOST, "X-Probe : 1") + time)
                .answer(400, "Connection", CLOSE).thenClosed());
        String postThenGet = name(nonce, "pipeline-post-then-get");
        cases.add(ProtocolCase.named("pipeline-post-then-get", rule)
                .send(post(postThenGet, "Content-Length: " + product(postThenGet).length()) + time)
                .answer(201).answer(200).writes(postThenGet, 1).thenKept());
        cases.add(ProtocolCase.named("pipeline-head-then-get", rule + "; a HEAD answer has no body (RFC 9110 §9.3.2)")
                .send(request("HEAD /brands HTTP/1.1", HOST) + request("GET /brands HTTP/1.1", HOST))
                .answerToHead(200, "Content-Length", "").answer(200).thenKept());
        cases.add(ProtocolCase.named("pipeline-404-then-get", rule + "; a 404 keeps the connection")
                .send(request("GET /nowhere HTTP/1.1", HOST) + time).answer(404).answer(200).thenKept());
        cases.add(ProtocolCase.named("connection-close-honoured", RFC9112 + "§9.6")
                .send(request("GET /time HTTP/1.1", HOST, "Connection: close") + time).answer(200).thenClosed());

        cases.add(ProtocolCase.named("split-bytewise", RFC9112 + "§2.1: a request may arrive in any number of segments")
                .sendBytewise(time).answer(200).thenKept());
        cases.add(ProtocolCase.named("split-inside-crlf", RFC9112 + "§2.1")
                .send("GET /time HTTP/1.1\r\nHost: localhost\r\n\r").pauseThenSend(200, "\n").answer(200).thenKept());
        String split = name(nonce, "split-headers-then-body");
        String splitBody = product(split);
        cases.add(ProtocolCase.named("split-headers-then-body", RFC9112 + "§2.1")
                .send(request("POST /product HTTP/1.1", HOST, "Content-Length: " + splitBody.length()))
                .pauseThenSend(300, splitBody.substring(0, 10)).pauseThenSend(300, splitBody.substring(10))
                .answer(201).writes(split, 1).thenKept());
        String chunkSplit = name(nonce, "split-chunks-slowly");
        cases.add(ProtocolCase.named("split-chunks-slowly", RFC9112 + "§7.1")
                .send(request("POST /product HTTP/1.1", HOST, "Transfer-Encoding: chunked"))
                .pauseThenSend(200, chunked(product(chunkSplit)).substring(0, 5))
                .pauseThenSend(200, chunked(product(chunkSplit)).substring(5))
                .answer(201).writes(chunkSplit, 1).thenKept());
    }

    // ---- RFC 9110 §9, §15.5.6: methods ------------------------------------------------------------------------

    private static void methods(List<ProtocolCase> cases) {
        String rule = RFC9110 + "§15.5.6: 405 names the allowed methods";
        cases.add(ProtocolCase.named("head-time", RFC9110 + "§9.3.2: HEAD is GET without the body")
                .send(request("HEAD /time HTTP/1.1", HOST)).answerToHead(200, "Content-Length", "").thenKept());
        cases.add(ProtocolCase.named("head-brands", RFC9110 + "§9.3.2")
                .send(request("HEAD /brands HTTP/1.1", HOST)).answerToHead(200, "Content-Length", "").thenKept());
        cases.add(ProtocolCase.named("head-page", RFC9110 + "§9.3.2")
                .send(request("HEAD / HTTP/1.1", HOST)).answerToHead(200, "Content-Length", "").thenKept());
        String[][] wrong = {
                {"options-time", "OPTIONS /time", "GET"}, {"trace-time", "TRACE /time", "GET"},
                {"unknown-method", "FOO /time", "GET"}, {"lower-case-method", "get /time", "GET"},
                {"delete-product", "DELETE /products/1", "GET"}, {"put-product", "PUT /product", "POST"},
                {"get-product", "GET /product", "POST"}, {"post-brands", "POST /brands", "GET"}, {"post-counter", "POST /counter", "GET"},
        };
        for (String[] row : wrong) {
            String[] headers = row[1].startsWith("P") ? new String[] {HOST, "Content-Length: 0"} : new String[] {HOST};
            cases.add(ProtocolCase.named(row[0], rule)
                    .send(request(row[1] + " HTTP/1.1", headers)).answer(405, "Allow", row[2]).thenKept());
        }
        cases.add(refused("connect-authority-form", RFC9112 + "§3.2.3 (this is no proxy)", 400,
                request("CONNECT localhost:443 HTTP/1.1", HOST)));
        cases.add(ProtocolCase.named("counter-without-upgrade", RFC9110 + "§15.5.22: 426 names the protocol")
                .send(request("GET /counter HTTP/1.1", HOST)).answer(426, "Upgrade", "websocket", "Connection", CLOSE).thenClosed());
        cases.add(ProtocolCase.named("counter-upgrade-h2c", RFC9110 + "§15.5.22")
                .send(request("GET /counter HTTP/1.1", HOST, "Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAAQAAP__"))
                .answer(426, "Upgrade", "websocket", "Connection", CLOSE).thenClosed());
        cases.add(ProtocolCase.named("h2c-upgrade-elsewhere-ignored", RFC9110 + "§7.8: a server MAY ignore Upgrade")
                .send(request("GET /time HTTP/1.1", HOST, "Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAAQAAP__"))
                .answer(200).thenKept());
    }

    // ---- CONTRACT.md Protocol rules: paths ------------------------------------------------------------------

    private static void paths(List<ProtocolCase> cases) {
        String[][] refusedPaths = {
                {"path-dot-dot", "/products/../brands"}, {"path-dot", "/products/./1"}, {"path-dot-dot-at-root", "/.."},
                {"path-encoded-dot-dot", "/products/%2e%2e/brands"}, {"path-double-slash", "//brands"},
                {"path-trailing-slash", "/brands/"}, {"path-products-trailing-slash", "/products/1/"}, {"path-products-empty-id", "/products/"},
                {"path-matrix-parameter", "/products/1;x=1"}, {"path-semicolon-dot-dot", "/products/..;/brands"},
                {"path-encoded-letter", "/br%61nds"}, {"path-encoded-slash", "/products%2F1"}, {"path-encoded-digit", "/products/%31"},
                {"path-encoded-nul", "/time%00"}, {"path-broken-escape", "/time%zz"},
        };
        for (String[] row : refusedPaths) {
            cases.add(refused(row[0], PATHS, 400, request("GET " + row[1] + " HTTP/1.1", HOST)));
        }
        cases.add(ok("path-with-query", PATHS + ": the query is ignored", request("GET /brands?x=1&y=%41 HTTP/1.1", HOST)));
        cases.add(ok("path-empty-query", PATHS, request("GET /time? HTTP/1.1", HOST)));
        cases.add(ProtocolCase.named("path-upper-case", PATHS + ": paths are case-sensitive")
                .send(request("GET /BRANDS HTTP/1.1", HOST)).answer(404).thenKept());
        cases.add(ProtocolCase.named("path-products-without-id", PATHS)
                .send(request("GET /products HTTP/1.1", HOST)).answer(404).thenKept());
        cases.add(ProtocolCase.named("path-products-extra-segment", PATHS)
                .send(request("GET /products/1/x HTTP/1.1", HOST)).answer(404).thenKept());
        cases.add(ProtocolCase.named("path-product-id-not-int", "CONTRACT.md point 3")
                .send(request("GET /products/abc HTTP/1.1", HOST)).answer(400).thenKept());
        cases.add(ProtocolCase.named("path-product-id-overflow", "CONTRACT.md point 3")
                .send(request("GET /products/2147483648 HTTP/1.1", HOST)).answer(400).thenKept());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A request line and field lines, CRLF-terminated, with the empty line that ends the header section. */
    static String request(String requestLine, String... fields) {
        StringBuilder text = new StringBuilder(requestLine).append("\r\n");
        for (String field : fields) {
            text.append(field).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    private static ProtocolCase refused(String id, String rule, int status, String request) {
        return ProtocolCase.named(id, rule).send(request).answer(status, "Connection", CLOSE).thenClosed();
    }

    private static ProtocolCase ok(String id, String rule, String request) {
        return ProtocolCase.named(id, rule).send(request).answer(200).thenKept();
    }

    private static String name(String nonce, String id) {
        return "corpus-" + id + "-" + nonce;
    }

    private static String product(String name) {
        return "{\"product_name\":\"" + name + "\",\"brand_id\":1}";
    }

    private static String post(String name, String... framing) {
        String[] fields = new String[framing.length + 1];
        fields[0] = HOST;
        System.arraycopy(framing, 0, fields, 1, framing.length);
        return request("POST /product HTTP/1.1", fields) + product(name);
    }

    private static String chunkedPost(String framedBody) {
        return request("POST /product HTTP/1.1", HOST, "Transfer-Encoding: chunked") + framedBody;
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }
}
