package dev.webbench.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A steady closed-loop load for the fault checks: a few workers send requests back to back and
 * record every outcome with its time, so a check can ask what happened during a window. The bench's
 * resilience drills use it too.
 */
public final class LoadGenerator implements AutoCloseable {
    /** One answered (or failed) request. status -1: no HTTP answer (I/O error or timeout). */
    public record Outcome(long startedNanos, long endedNanos, int status, String body) {
        public Duration took() {
            return Duration.ofNanos(endedNanos - startedNanos);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();

    /** {@code request} builds worker w's i-th request. */
    public LoadGenerator(int concurrency, IntFunction<HttpRequest> request) {
        for (int w = 0; w < concurrency; w++) {
            workers.add(Thread.ofVirtual().name("kit-load-" + w).start(() -> {
                int i = 0;
                while (running.get()) {
                    HttpRequest next = request.apply(i++);
                    long started = System.nanoTime();
                    int status;
                    String body;
                    try {
                        HttpResponse<String> response = client.send(next, HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        body = response.body();
                    } catch (Exception e) {
                        status = -1;
                        body = e.toString();
                    }
                    outcomes.add(new Outcome(started, System.nanoTime(), status, body));
                    byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
                }
            }));
        }
    }

    public static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(Duration.ofSeconds(40));
        }
    }
}
