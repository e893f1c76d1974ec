package dev.webbench.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that writes the same bytes over and over and never reads, on a thread of its own, until the server
 * stops taking them (its writes block: both kernel buffers are full), closes the connection, or a byte budget is
 * spent. The attacker of the flood groups.
 */
final class Flood {
    /** How long without a completed write before the flood counts as blocked. */
    static final Duration STALL = Duration.ofSeconds(2);

    enum State {
        /** Writes still complete. */
        FLOWING,
        /** No write has completed for {@link #STALL}: the server has stopped reading. */
        BLOCKED,
        /** A write failed: the server closed or reset the connection. */
        CLOSED,
        /** The byte budget was sent. */
        SPENT
    }

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private volatile boolean closed;
    private volatile boolean spent;
    private volatile boolean stop;
    private final Thread writer;

    private Flood(Socket socket, byte[] batch, long budget) {
        writer = Thread.ofPlatform().daemon().name("kit-flood").start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                while (!stop && sent.get() < budget) {
                    out.write(batch);
                    sent.addAndGet(batch.length);
                    lastProgress.set(System.nanoTime());
                }
                spent = !stop;
            } catch (IOException e) {
                closed = true;
            }
        });
    }

    /** Starts writing {@code batch} again and again to {@code socket}, at most {@code budget} bytes. */
    static Flood start(Socket socket, byte[] batch, long budget) {
        return new Flood(socket, batch, budget);
    }

    State state() {
        if (closed) {
            return State.CLOSED;
        }
        if (spent) {
            return State.SPENT;
        }
        return System.nanoTime() - lastProgress.get() > STALL.toNanos() ? State.BLOCKED : State.FLOWING;
    }

    long sentBytes() {
        return sent.get();
    }

    /** Stops after the write under way; a write blocked in the kernel ends only when the socket is closed. */
    void stop() {
        stop = true;
    }

    /** Waits up to {@code timeout} for the writer to stop: after {@link #stop}, or once its socket is closed. */
    void join(Duration timeout) {
        try {
            writer.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] repeat(byte[] unit, int times) {
        byte[] batch = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, batch, i * unit.length, unit.length);
        }
        return batch;
    }

    /** How many floods ended in each state, and what they sent in all: one line however many there are. */
    static String summary(List<Flood> floods) {
        Map<State, Long> states = new TreeMap<>();
        floods.forEach(flood -> states.merge(flood.state(), 1L, Long::sum));
        long sent = floods.stream().mapToLong(Flood::sentBytes).sum();
        return floods.size() + " flood(s) " + states + ", " + sent / 1024 + " KiB sent in all";
    }

    @Override
    public String toString() {
        return state() + " after " + sent.get() / 1024 + " KiB";
    }
}
