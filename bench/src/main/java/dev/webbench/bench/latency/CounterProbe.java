package dev.webbench.bench.latency;

import dev.webbench.bench.model.Results;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * A purpose-built {@code /counter} client for what Gatling cannot time: Gatling measures each virtual user on its
 * own, but broadcast latency spans users (from one client's connect to the moment every other client has seen the
 * new count). Listeners connect on a ramp and must see every count in order (each message one more or one less
 * than the last, ending at the number connected); then, round after round, a control client connects and the
 * probe records when each listener sees the count go up. Times are microseconds in HdrHistograms.
 */
public final class CounterProbe {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BROADCAST_TIMEOUT = Duration.ofSeconds(5);
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    public record Result(int listeners, Results.Percentiles connectMicros, Results.Percentiles firstCountMicros, int rounds,
                         Results.Percentiles deliveryEachMicros, Results.Percentiles deliveryAllMicros, long sequenceViolations,
                         List<String> problems) {
    }

    /** The count every listener must reach in a round, and when each did. */
    private static final class Await {
        final int count;
        final CountDownLatch everyone;
        final AtomicLongArray seenAt;

        Await(int count, int listeners) {
            this.count = count;
            this.everyone = new CountDownLatch(listeners);
            this.seenAt = new AtomicLongArray(listeners);
        }

        void seen(int listener, int value, long nanos) {
            if (value == count && seenAt.compareAndSet(listener, 0, nanos)) {
                everyone.countDown();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        final int index;
        final long connectStarted;
        final List<Integer> counts = new ArrayList<>();
        final StringBuilder partial = new StringBuilder();
        volatile long firstCountAt;
        volatile int last = -1;

        Listener(int index, long connectStarted) {
            this.index = index;
            this.connectStarted = connectStarted;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
            long now = System.nanoTime();
            partial.append(data);
            if (lastPart) {
                String text = partial.toString();
                partial.setLength(0);
                int value = text.matches("[0-9]{1,9}") ? Integer.parseInt(text) : -1;
                synchronized (counts) {
                    counts.add(value);
                }
                if (firstCountAt == 0) {
                    firstCountAt = now;
                }
                last = value;
                Await await = current;
                if (await != null && index >= 0) {
                    await.seen(index, value, now);
                }
            }
            webSocket.request(1);
            return null;
        }

        List<Integer> counts() {
            synchronized (counts) {
                return List.copyOf(counts);
            }
        }
    }

    private final URI counter;
    private volatile Await current;

    public CounterProbe(URI base) {
        this.counter = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/counter");
    }

    /**
     * Connects {@code listeners} clients over {@code ramp}, checks the counts, runs {@code whenIdle} with all of them
     * connected and idle (the caller samples server memory there), runs {@code rounds} broadcast rounds, closes
     * everything and checks that the server counts the next client as the only one.
     */
    public Result run(int listeners, Duration ramp, int rounds, Runnable whenIdle) {
        List<String> problems = new ArrayList<>();
        Histogram connect = histogram();
        Histogram firstCount = histogram();
        Histogram deliveryEach = histogram();
        Histogram deliveryAll = histogram();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            // Clients of an earlier run (Gatling's) must be gone, or every count below is off by them.
            checkAlone(client, "before the probe started", problems);
            if (!problems.isEmpty()) {
                return result(listeners, connect, firstCount, 0, deliveryEach, deliveryAll, 0, problems);
            }
            List<Listener> connected = new ArrayList<>();
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            long rampStart = System.nanoTime();
            for (int i = 0; i < listeners; i++) {
                sleepUntil(rampStart + ramp.toNanos() * i / listeners);
                long started = System.nanoTime();
                Listener listener = new Listener(i, started);
                connected.add(listener);
                sockets.add(client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(counter, listener)
                        .whenComplete((socket, error) -> {
                            if (error == null) {
                                record(connect, System.nanoTime() - started);
                            }
                        }));
            }
            List<WebSocket> open = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                try {
                    open.add(sockets.get(i).get(CONNECT_TIMEOUT.toSeconds() + ramp.toSeconds(), TimeUnit.SECONDS));
                } catch (Exception e) {
                    problems.add("listener " + i + " could not connect: " + e);
                }
            }
            if (open.size() < listeners) {
                return result(listeners, connect, firstCount, 0, deliveryEach, deliveryAll, listeners - open.size(), problems);
            }
            awaitAll(connected, listeners, BROADCAST_TIMEOUT, problems);
            connected.forEach(l -> {
                if (l.firstCountAt > 0) {
                    record(firstCount, l.firstCountAt - l.connectStarted);
                }
            });
            whenIdle.run();

            int done = 0;
            for (int round = 0; round < rounds && problems.isEmpty(); round++) {
                Await up = new Await(listeners + 1, listeners);
                current = up;
                long started = System.nanoTime();
                Listener controlListener = new Listener(-1, started);
                WebSocket control;
                try {
                    control = client.newWebSocketBuilder().buildAsync(counter, controlListener).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    problems.add("control client could not connect in round " + (round + 1) + ": " + e);
                    break;
                }
                if (!await(up.everyone)) {
                    problems.add("round " + (round + 1) + ": " + up.everyone.getCount() + " of " + listeners + " listeners did not see "
                            + up.count + " within " + BROADCAST_TIMEOUT.toMillis() + " ms");
                    control.abort();
                    break;
                }
                long latest = 0;
                for (int i = 0; i < listeners; i++) {
                    long at = up.seenAt.get(i);
                    record(deliveryEach, at - started);
                    latest = Math.max(latest, at);
                }
                record(deliveryAll, latest - started);
                Await down = new Await(listeners, listeners);
                current = down;
                control.sendClose(WebSocket.NORMAL_CLOSURE, "round done").join();
                if (!await(down.everyone)) {
                    problems.add("round " + (round + 1) + ": listeners did not see the count fall back to " + listeners
                            + " after the control client closed");
                    break;
                }
                List<Integer> seenByControl = controlListener.counts();
                if (seenByControl.isEmpty() || seenByControl.getFirst() != listeners + 1) {
                    problems.add("round " + (round + 1) + ": the control client's first count was " + seenByControl + ", not " + (listeners + 1));
                }
                current = null;
                done++;
            }
            long violations = connected.stream().mapToLong(l -> violations(l.counts(), listeners)).sum();
            if (violations > 0) {
                List<String> examples = connected.stream().filter(l -> violations(l.counts(), listeners) > 0).limit(2)
                        .map(l -> "listener " + l.index + " saw " + abbreviate(l.counts())).toList();
                problems.add(violations + " counter messages broke the order the contract promises (each count one away from the last, "
                        + "first within 1.." + listeners + ", last " + listeners + "), e.g. " + String.join("; ", examples));
            }
            open.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "probe done"));
            checkAlone(client, "after all probe clients closed", problems);
            return result(listeners, connect, firstCount, done, deliveryEach, deliveryAll, violations, problems);
        }
    }

    /** Wrong or out-of-order counts a listener saw: not a number, outside 1..n at first, a jump, or not back at n. */
    static long violations(List<Integer> counts, int listeners) {
        if (counts.isEmpty()) {
            return 1;
        }
        long wrong = counts.getFirst() < 1 || counts.getFirst() > listeners ? 1 : 0;
        for (int i = 1; i < counts.size(); i++) {
            if (Math.abs(counts.get(i) - counts.get(i - 1)) != 1) {
                wrong++;
            }
        }
        return wrong + (counts.getLast() == listeners ? 0 : 1);
    }

    private static String abbreviate(List<Integer> counts) {
        return counts.size() <= 24 ? counts.toString()
                : counts.subList(0, 12) + " ... " + counts.subList(counts.size() - 12, counts.size()) + " (" + counts.size() + " messages)";
    }

    private void awaitAll(List<Listener> listeners, int expected, Duration timeout, List<String> problems) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (listeners.stream().allMatch(l -> l.last == expected)) {
                return;
            }
            sleep(10);
        }
        long behind = listeners.stream().filter(l -> l.last != expected).count();
        problems.add(behind + " listeners never saw the count reach " + expected + " (everyone connected) within " + timeout.toMillis() + " ms");
    }

    /** A new client must be told, within a few seconds, that it is the only one: no earlier connection is still counted. */
    private void checkAlone(HttpClient client, String when, List<String> problems) {
        Listener last = new Listener(-1, System.nanoTime());
        try {
            WebSocket socket = client.newWebSocketBuilder().buildAsync(counter, last).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + BROADCAST_TIMEOUT.toNanos();
            while (last.last != 1 && System.nanoTime() < deadline) {
                sleep(10);
            }
            if (last.last != 1) {
                problems.add(when + ", a new client was told " + last.counts() + " instead of 1");
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            problems.add(when + ", a single client could not connect and close: " + e);
        }
    }

    private static Result result(int listeners, Histogram connect, Histogram firstCount, int rounds, Histogram deliveryEach,
                                 Histogram deliveryAll, long violations, List<String> problems) {
        return new Result(listeners, percentiles(connect), percentiles(firstCount), rounds, percentiles(deliveryEach),
                percentiles(deliveryAll), violations, List.copyOf(problems));
    }

    public static Results.Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        return new Results.Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), Math.round(h.getMean() * 10) / 10.0);
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    private static synchronized void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(BROADCAST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            sleep(wait / 1_000_000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
