package dev.webbench.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webbench.config.PgSettings;
import dev.webbench.conformance.JarProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JarProcess.Launch.command starts a program that is not a JVM the way it starts a jar: on a free PORT with the PG*
 * variables and the extra environment, output to the log, ready when GET /time answers 200, stopped by SIGTERM.
 * The program is a few lines of Python's standard library, so this needs no Debian package beyond python3.
 */
class PeerLaunchTest {
    private static final String SERVER = """
            import http.server, json, os, signal, sys
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = json.dumps({k: os.environ.get(k) for k in ("PGHOST", "PGDATABASE", "EXTRA")}).encode()
                    self.send_response(200 if self.path == "/time" else 404)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            signal.signal(signal.SIGTERM, lambda *_: (print("sigterm", flush=True), sys.exit(0)))
            print("listening", flush=True)
            http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    @Test
    void aProgramGetsThePortTheDatabaseAndTheEnvironmentAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/server.log");
        JarProcess.Launch launch = JarProcess.Launch.command(List.of(Peers.PYTHON, "-c", SERVER)).withEnv(Map.of("EXTRA", "yes"))
                .loggingTo(log).withStartTimeout(Duration.ofSeconds(20));
        PgSettings pg = new PgSettings("db.example", 5432, "shop", "me", "secret");
        try (JarProcess server = JarProcess.start(launch, pg)) {
            HttpResponse<String> time = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/time")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(time.body()).isEqualTo("{\"PGHOST\": \"db.example\", \"PGDATABASE\": \"shop\", \"EXTRA\": \"yes\"}");
            assertThat(server.rssKib()).isPositive();
            assertThat(server.stop(Duration.ofSeconds(5))).as("exited within the grace after SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("listening").contains("sigterm");
    }

    @Test
    void aProgramThatExitsBeforeServingIsReportedWithItsOutput() {
        JarProcess.Launch launch = JarProcess.Launch.command(List.of(Peers.PYTHON, "-c", "print('no database'); raise SystemExit(3)"));
        assertThatThrownBy(() -> JarProcess.start(launch, new PgSettings("localhost", 5432, "x", "x", "")))
                .hasMessageContaining("python3").hasMessageContaining("exited with 3").hasMessageContaining("no database");
    }

    /** gunicorn's master idles while its workers serve: the server's CPU is the tree's, or Flask's req/CPU-s would be empty. */
    @Test
    void aServersCpuIncludesItsWorkerChildren() throws Exception {
        Process master = new ProcessBuilder(Peers.PYTHON, "-c", "import subprocess, time\n"
                + "subprocess.Popen([\"" + Peers.PYTHON + "\", \"-c\", \"while True: pass\"])\ntime.sleep(60)").start();
        try {
            Thread.sleep(1500);
            assertThat(ProcFs.cpuSeconds(master.pid())).as("the idle master alone").isLessThan(0.5);
            assertThat(ProcFs.serverCpuSeconds(master.pid())).as("master and busy worker").isGreaterThan(0.5);
        } finally {
            master.descendants().forEach(ProcessHandle::destroyForcibly);
            master.destroyForcibly().waitFor();
        }
        assertThat(ProcFs.serverCpuSeconds(master.pid())).as("a server that is gone").isEqualTo(-1);
    }

    @Test
    void jvmFlagsDoNotApplyToAProgram() {
        assertThatThrownBy(() -> JarProcess.Launch.command(List.of("python3")).withJvmFlags(JarProcess.SERVER_JVM_FLAGS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JarProcess.Launch.command(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(JarProcess.Launch.command(List.of("python3")).withJvmFlags(List.of()).program()).containsExactly("python3");
    }

}
