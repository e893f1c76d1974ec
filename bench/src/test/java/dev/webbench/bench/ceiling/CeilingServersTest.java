package dev.webbench.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.conformance.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Both ceilings answer over a real socket: one request, pipelined requests, a request split across writes. */
class CeilingServersTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static URI base(CeilingServers.Listening server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Test
    void theGeneratorCeilingAnswersEveryRequestEndOnceWithItsFixedResponse() throws Exception {
        try (CeilingServers.Listening server = GeneratorCeilingServer.start(0)) {
            URI base = base(server);
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/time")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(GeneratorCeilingServer.BODY);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");

            try (RawHttp raw = RawHttp.open(base)) {
                String request = RawHttp.request("GET", base, "/time");
                raw.send(request + request + request);
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response pipelined = raw.read();
                    assertThat(pipelined.status()).isEqualTo(200);
                    assertThat(pipelined.bodyText()).isEqualTo(GeneratorCeilingServer.BODY);
                }
                // One request whose end arrives in two writes, "\r\n\r" then "\n", is one request.
                raw.send(request.substring(0, request.length() - 1));
                Thread.sleep(50);
                raw.send("\n");
                assertThat(raw.read().status()).isEqualTo(200);
                assertThat(raw.closedByPeer(300)).as("no second answer to one request").isFalse();
            }
        }
    }

    @Test
    void theHttpCeilingAnswersTimeWithTheContractsBodyAndHeaders() throws Exception {
        try (CeilingServers.Listening server = HttpCeilingServer.start(0)) {
            URI base = base(server);
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/time")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.headers().firstValue("date")).isPresent();
            JsonNode body = new ObjectMapper().readTree(response.body());
            LocalDate today = LocalDate.now();
            assertThat(body.get("month").asInt()).isEqualTo(today.getMonthValue());
            assertThat(body.get("day").asInt()).isEqualTo(today.getDayOfMonth());
            assertThat(body.get("time").asText()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        }
    }

    @Test
    void theHttpCeilingParsesPipelinedRequestsKeepAliveAndClose() throws Exception {
        try (CeilingServers.Listening server = HttpCeilingServer.start(0)) {
            URI base = base(server);
            try (RawHttp raw = RawHttp.open(base)) {
                String request = RawHttp.request("GET", base, "/time", "Accept: application/json");
                raw.send(request + request + request);
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response pipelined = raw.read();
                    assertThat(pipelined.status()).isEqualTo(200);
                    assertThat(pipelined.bodyText()).startsWith("{\"month\":");
                    assertThat(pipelined.header("connection")).hasValue("keep-alive");
                }
                raw.send(RawHttp.request("GET", base, "/time", "Connection: close"));
                RawHttp.Response last = raw.read();
                assertThat(last.status()).isEqualTo(200);
                assertThat(last.header("connection")).hasValue("close");
                assertThat(raw.closedByPeer(2_000)).isTrue();
            }
            try (RawHttp raw = RawHttp.open(base)) {
                raw.send("GET /time HTTP/1.1\r\nHost: x\r\nbroken header line\r\n\r\n");
                assertThat(raw.read().status()).as("it parses headers, unlike the generator ceiling").isEqualTo(400);
            }
        }
    }
}
