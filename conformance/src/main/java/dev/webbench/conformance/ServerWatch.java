package dev.webbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What the flood and slow-client groups watch while they attack: the server's process is alive and its resident
 * memory stays bounded, and {@code /brands} answers promptly for everyone else.
 *
 * <p>Memory is read from /proc for the child JVM the kit started; against a URL, {@code -Dkit.server.pid=PID}
 * names the server's process when it runs on this machine; otherwise memory is not checked.
 */
final class ServerWatch {
    /**
     * The resident-memory bound under attack. The hostile groups run the server with {@code -Xms512m -Xmx512m}, and a
     * healthy JVM touches all of its heap soon enough (impl-servlet sits at 460 MiB after the HTTP corpus alone), so
     * the bound is the heap plus 256 MiB for metaspace, code, thread stacks and the direct buffers a bounded server
     * needs. An unbounded queue of pongs or responses lives in direct buffers or the heap and passes it
     * (impl-netty reached 984 MiB before its OutOfMemoryError in issue 14).
     */
    static final long RSS_BOUND_KIB = (512 + 256) * 1024;
    /** How long {@code /brands} may take for a well-behaved client while the attack runs. */
    static final Duration PROMPT = Duration.ofSeconds(1);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final ServerUnderTest server;
    private final String attack;
    private long peakRssKib = -1;
    private long slowestMillis = -1;

    ServerWatch(ServerUnderTest server, String attack) {
        this.server = server;
        this.attack = attack;
    }

    /** The process is alive and under the memory bound; records the peak. */
    void checkMemory() {
        server.process().ifPresent(process -> assertThat(process.isAlive())
                .as("%s: the server process died; its output:%n%s", attack, process.output()).isTrue());
        OptionalLong rss = rssKib();
        if (rss.isPresent()) {
            peakRssKib = Math.max(peakRssKib, rss.getAsLong());
            assertThat(rss.getAsLong()).as("%s: the server's resident memory (KiB) stays under %d MiB", attack, RSS_BOUND_KIB / 1024)
                    .isLessThan(RSS_BOUND_KIB);
        }
    }

    /** A few unchecked {@code GET /brands} first, so that a server fresh from its start is not judged on its cold path. */
    ServerWatch warmedUp() {
        for (int i = 0; i < 20; i++) {
            Http.get(server.baseUri(), "/brands");
        }
        return this;
    }

    /** {@code GET /brands} from a fresh client answers 200 within {@link #PROMPT}; returns how long it took. */
    Duration checkBrands() {
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = CLIENT.send(HttpRequest.newBuilder(server.baseUri().resolve("/brands")).timeout(PROMPT.multipliedBy(3)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(attack + ": GET /brands for another client failed after "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        slowestMillis = Math.max(slowestMillis, took.toMillis());
        assertThat(response.statusCode()).as("%s: GET /brands for another client", attack).isEqualTo(200);
        assertThat(took).as("%s: GET /brands for another client answers within %d ms", attack, PROMPT.toMillis()).isLessThan(PROMPT);
        return took;
    }

    OptionalLong rssKib() {
        if (server.process().isPresent()) {
            long kib = server.process().get().rssKib();
            return kib < 0 ? OptionalLong.empty() : OptionalLong.of(kib);
        }
        String pid = System.getProperty("kit.server.pid");
        if (pid == null || pid.isBlank()) {
            return OptionalLong.empty();
        }
        long kib = JarProcess.rssKib(Long.parseLong(pid.strip()));
        if (kib < 0) {
            throw new AssertionError(attack + ": cannot read the memory of process " + pid + " (gone?)");
        }
        return OptionalLong.of(kib);
    }

    /** One line for the test's output: peak memory and the slowest /brands, the figures a report quotes. */
    String summary() {
        return attack + ": peak RSS " + (peakRssKib < 0 ? "not measured" : peakRssKib / 1024 + " MiB") + (slowestMillis < 0 ? "" : ", slowest /brands " + slowestMillis + " ms");
    }
}
