package dev.webbench.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The load a database fault runs under: a few closed-loop workers, each alternating {@code POST /product} (through a
 * {@link WriteLedger}) with {@code GET /products/{id}}, recording every answer with its time. No request is retried:
 * a POST sent twice would make a duplicate row the server did not cause.
 */
public final class MixedLoad implements AutoCloseable {
    /** One answer. status -1: no HTTP answer (reset, or no answer within the request timeout). */
    public record Answer(String method, String target, int status, long startedNanos, long endedNanos, String body) {
        public Duration took() {
            return Duration.ofNanos(endedNanos - startedNanos);
        }

        /** 200 to a GET, 201 to a POST. */
        public boolean served() {
            return status == (method.equals("POST") ? 201 : 200);
        }

        /** One line for a failure message, times relative to {@code originNanos} (the fault's start). */
        public String describe(long originNanos) {
            return String.format("%s %s: %s, sent at %+d ms, took %d ms", method, target,
                    status < 0 ? "no answer (" + Http.abbreviate(body) + ")" : status + " " + Http.abbreviate(body),
                    (startedNanos - originNanos) / 1_000_000, took().toMillis());
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();

    /**
     * Starts {@code concurrency} workers against {@code base}. {@code postName} gives each POST its name (from the
     * ledger); {@code requestTimeout} turns a hang into status -1 rather than a stalled worker.
     */
    public MixedLoad(URI base, int concurrency, WriteLedger ledger, Supplier<String> postName, Duration requestTimeout) {
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            workers.add(Thread.ofVirtual().name("kit-fault-load-" + w).start(() -> {
                for (int i = 0; running.get(); i++) {
                    if ((i + worker) % 2 == 0) {
                        post(base, ledger, postName.get(), 1 + (worker * 31 + i) % 100, requestTimeout);
                    } else {
                        get(base, "/products/" + (1 + (worker * 131 + i * 7) % 1000), requestTimeout);
                    }
                }
            }));
        }
    }

    private void post(URI base, WriteLedger ledger, String name, int brandId, Duration requestTimeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/product")).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"" + name + "\",\"brand_id\":" + brandId + "}")).build();
        long started = System.nanoTime();
        int status;
        String body;
        long id = -1;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
            id = response.headers().firstValue("Location").map(MixedLoad::idOf).orElse(-1L);
        } catch (Exception e) {
            status = -1;
            body = e.toString();
        }
        long ended = System.nanoTime();
        ledger.record(new WriteLedger.Entry(name, brandId, status, id, started, ended, body));
        answers.add(new Answer("POST", name, status, started, ended, body));
    }

    private void get(URI base, String path, Duration requestTimeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout).build();
        long started = System.nanoTime();
        int status;
        String body;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        } catch (Exception e) {
            status = -1;
            body = e.toString();
        }
        answers.add(new Answer("GET", path, status, started, System.nanoTime(), body));
    }

    /** {@code /products/123} -> 123; -1 for anything else. */
    private static long idOf(String location) {
        String prefix = "/products/";
        int at = location.indexOf(prefix);
        try {
            return at < 0 ? -1 : Long.parseLong(location.substring(at + prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Stops sending and waits for the requests in flight, so that the ledger is complete. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        client.close();
    }
}
