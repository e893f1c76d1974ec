package dev.webbench.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestRulesTest {
    private static Optional<RequestRules.Refusal> get(String target, List<String> hosts) {
        return RequestRules.check(1, 1, target, hosts, List.of(), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/brands", "/products/1", "/products/-1", "/brands?x=1&y=%41", "http://a/time", "HTTP://a:80/time?q",
            "http://a", "/products/1:2", "/a@b"})
    void acceptsCanonicalTargets(String target) {
        assertThat(get(target, List.of("a"))).as(target).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/products/../brands", "/products/./1", "/..", "/.", "//brands", "/brands/", "/products/1;x=1",
            "/br%61nds", "/products%2F1", "/a%2e%2e/b"})
    void refusesAmbiguousPaths(String target) {
        assertThat(get(target, List.of("a"))).as(target).contains(new RequestRules.Refusal(400, RequestRules.BAD_PATH));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "a:80", "brands", "/a#b", "/a\u0000b", "/caf\u00e9", "ftp://a/b", "http://", "http:///x"})
    void refusesOtherTargetForms(String target) {
        assertThat(get(target, List.of("a")).map(RequestRules.Refusal::status)).as(target).contains(400);
    }

    @Test
    void hostRules() {
        assertThat(get("/time", List.of())).as("missing").contains(new RequestRules.Refusal(400, RequestRules.BAD_HOST));
        assertThat(get("/time", List.of("a", "a"))).as("twice").isPresent();
        assertThat(get("/time", List.of("a b"))).as("space").isPresent();
        assertThat(get("/time", List.of("a:x"))).as("port").isPresent();
        assertThat(get("/time", List.of("u@a"))).as("userinfo").isPresent();
        assertThat(get("/time", List.of(""))).as("empty is valid").isEmpty();
        assertThat(get("/time", List.of("[::1]:8080"))).as("IPv6").isEmpty();
        assertThat(get("/time", List.of("127.0.0.1:8080"))).as("IPv4").isEmpty();
        assertThat(RequestRules.check(1, 0, "/time", List.of(), List.of(), List.of())).as("HTTP/1.0 needs none").isEmpty();
    }

    @Test
    void framingRules() {
        assertThat(RequestRules.check(2, 0, "/time", List.of("a"), List.of(), List.of())).contains(
                new RequestRules.Refusal(505, RequestRules.VERSION_NOT_SUPPORTED));
        assertThat(RequestRules.check(0, 9, "/time", List.of(), List.of(), List.of())).contains(
                new RequestRules.Refusal(400, RequestRules.NO_VERSION));
        assertThat(RequestRules.check(1, 1, "/product", List.of("a"), List.of("chunked"), List.of())).isEmpty();
        assertThat(RequestRules.check(1, 1, "/product", List.of("a"), List.of("Chunked "), List.of())).isEmpty();
        assertThat(RequestRules.check(1, 1, "/product", List.of("a"), List.of("chunked"), List.of("3")).map(r -> r.status())).contains(400);
        assertThat(RequestRules.check(1, 0, "/product", List.of("a"), List.of("chunked"), List.of()).map(r -> r.status())).contains(400);
        for (List<String> te : List.of(List.of("xchunked"), List.of("chunked, identity"), List.of("gzip, chunked"),
                List.of("chunked", "chunked"), List.of("identity"))) {
            assertThat(RequestRules.check(1, 1, "/product", List.of("a"), te, List.of())).as(te.toString())
                    .contains(new RequestRules.Refusal(400, RequestRules.UNSUPPORTED_TRANSFER_CODING));
        }
        for (List<String> cl : List.of(List.of("3", "3"), List.of("+3"), List.of("-1"), List.of("0x3"), List.of("3 4"), List.of(""),
                List.of("3,3"), List.of("99999999999999999999"))) {
            assertThat(RequestRules.check(1, 1, "/product", List.of("a"), List.of(), cl)).as(cl.toString())
                    .contains(new RequestRules.Refusal(400, RequestRules.BAD_FRAMING));
        }
        assertThat(RequestRules.check(1, 1, "/product", List.of("a"), List.of(), List.of("9999999999"))).as("413 is the route's").isEmpty();
    }

    @Test
    void upgradeRules() {
        String key = "dGhlIHNhbXBsZSBub25jZQ==";
        assertThat(RequestRules.checkUpgrade(1, List.of("websocket"), List.of("keep-alive, Upgrade"), List.of(key), List.of("13"))).isEmpty();
        assertThat(RequestRules.checkUpgrade(1, List.of(), List.of(), List.of(), List.of()))
                .contains(new RequestRules.Refusal(426, RequestRules.NOT_AN_UPGRADE));
        assertThat(RequestRules.checkUpgrade(1, List.of("h2c"), List.of("Upgrade"), List.of(key), List.of("13")).map(r -> r.status())).contains(426);
        assertThat(RequestRules.checkUpgrade(1, List.of("websocket"), List.of("close"), List.of(key), List.of("13")))
                .contains(new RequestRules.Refusal(400, RequestRules.BAD_HANDSHAKE));
        assertThat(RequestRules.checkUpgrade(1, List.of("websocket"), List.of("Upgrade"), List.of("short"), List.of("13"))).isPresent();
        assertThat(RequestRules.checkUpgrade(1, List.of("websocket"), List.of("Upgrade"), List.of(), List.of("13"))).isPresent();
        assertThat(RequestRules.checkUpgrade(0, List.of("websocket"), List.of("Upgrade"), List.of(key), List.of("13"))).isPresent();
        assertThat(RequestRules.checkUpgrade(1, List.of("websocket"), List.of("Upgrade"), List.of(key), List.of("8")))
                .contains(new RequestRules.Refusal(426, RequestRules.WEBSOCKET_VERSION));
    }
}
