package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webbench.conformance.JarProcess;
import dev.webbench.provision.Postgres;
import dev.webbench.provision.PostgresProvisioner;
import dev.webbench.sql.Query;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document's Starlette, started as ./compare --peers starts it (uvicorn, uvloop, httptools) over the seeded
 * database: /brands is the database's brand table, a bad body is a JSON 400 that writes nothing. Without Debian's
 * packages this fails with the apt-get line (CI installs them); WEBBENCH_SKIP_PEERS=1 leaves it out on a machine without.
 */
@DisabledIfEnvironmentVariable(named = "WEBBENCH_SKIP_PEERS", matches = "1")
class PeerSmokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void starletteServesTheDatabasesBrandsAndRefusesABadBody(@TempDir Path runDir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Target starlette = Peers.targets(root, "starlette").getFirst();
        try (Postgres postgres = PostgresProvisioner.fromEnvironment()) {
            PostgresProvisioner.seed(postgres);
            try (JarProcess server = JarProcess.start(starlette.launch(null, runDir.resolve("starlette.log")), postgres.settings())) {
                HttpResponse<String> brands = get(server, "/brands");
                assertThat(brands.statusCode()).isEqualTo(200);
                assertThat(brands.headers().firstValue("content-type")).hasValue("application/json");
                assertThat(JSON.readTree(brands.body())).as(server.output()).isEqualTo(databaseBrands(postgres));

                long before = productCount(postgres);
                HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/product"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\": \"x\", \"brand_id\": \"1\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(bad.body())).isEqualTo(JSON.readTree("{\"error\": \"brand_id must be an integer\"}"));
                assertThat(productCount(postgres)).isEqualTo(before);

                HttpResponse<String> notAnId = get(server, "/products/1e3");
                assertThat(notAnId.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(notAnId.body()).path("error").asText()).isNotBlank();
                assertThat(server.stop(Duration.ofSeconds(10))).as("uvicorn exits on SIGTERM").isTrue();
            }
        }
    }

    private static HttpResponse<String> get(JarProcess server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The brand table through JDBC, as the contract's JSON. */
    private static JsonNode databaseBrands(Postgres postgres) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = postgres.connect(); ResultSet result = connection.createStatement().executeQuery(Query.LIST_BRANDS.jdbc())) {
            while (result.next()) {
                rows.add(Map.of("brand_id", result.getInt("brand_id"), "brand_name", result.getString("brand_name")));
            }
        }
        assertThat(rows).hasSize(100);
        return JSON.valueToTree(rows);
    }

    private static long productCount(Postgres postgres) throws Exception {
        try (Connection connection = postgres.connect(); ResultSet result = connection.createStatement().executeQuery(Query.COUNT_PRODUCTS.jdbc())) {
            result.next();
            return result.getLong(1);
        }
    }
}
