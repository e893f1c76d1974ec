package dev.webbench.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A well-behaved {@code /counter} client that records every count it receives. */
public final class CounterClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final List<String> history = java.util.Collections.synchronizedList(new ArrayList<>());
    private final WebSocket socket;

    private CounterClient(URI base) throws Exception {
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/counter");
        this.socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    public static CounterClient connect(URI base) {
        try {
            return new CounterClient(base);
        } catch (ExecutionException e) {
            throw new AssertionError("WebSocket connect to /counter failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("WebSocket connect to /counter failed: " + e, e);
        }
    }

    /** The next count received, failing if none arrives in time or it is not a decimal number. */
    public int nextCount(Duration timeout) {
        String text = poll(timeout);
        if (text == null) {
            throw new AssertionError("no counter message within " + timeout.toMillis() + " ms; seen so far: " + history);
        }
        return parse(text);
    }

    /**
     * The client's own first count, then any stragglers until {@code quiet} passes with no message:
     * the count once earlier clients' arrivals and departures have been told.
     */
    public int settle(Duration first, Duration quiet) {
        int last = nextCount(first);
        for (String text = poll(quiet); text != null; text = poll(quiet)) {
            last = parse(text);
        }
        return last;
    }

    /** Reads whatever arrives until {@code quiet} passes with no message; the last count, or -1 if none came. */
    public int drain(Duration quiet) {
        int last = -1;
        for (String text = poll(quiet); text != null; text = poll(quiet)) {
            last = parse(text);
        }
        return last;
    }

    private String poll(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int parse(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new AssertionError("counter message is not a decimal count: '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** Reads counts until {@code expected} arrives; returns how long it took. */
    public Duration awaitCount(int expected, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("count " + expected + " not seen within " + timeout.toMillis() + " ms; seen: " + history);
            }
            if (nextCount(Duration.ofNanos(left)) == expected) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
        }
    }

    /** Nothing at all arrives within {@code quiet}. */
    public boolean staysQuiet(Duration quiet) {
        return poll(quiet) == null;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The close code the server sent, if it closed within the timeout. */
    public Integer awaitCloseCode(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("server did not close the WebSocket within " + timeout.toMillis() + " ms");
        } catch (Exception e) {
            throw new AssertionError("WebSocket ended without a close frame: " + e, e);
        }
    }

    public boolean isOpen() {
        return !socket.isInputClosed() && !closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
                closeCode.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the server may already be gone; abort below
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                history.add(text);
                messages.add(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
