package dev.webbench.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * Owns the {@code /counter} count. Joins and leaves from every event loop arrive here as messages,
 * one at a time on this verticle's own event loop, and each new count is published in that order
 * on {@link #COUNTS} as {@code "<sequence> <count>"}. The event bus delivers one sender's messages
 * to each consumer in order, so every {@link CounterSockets} sees the same sequence of counts and
 * never a stale one last. A join is answered with the sequence of the first count that includes
 * the new socket: counts published before it (a leave racing the join) must not reach that socket,
 * or it would be told a number of clients that leaves itself out. Deploy exactly one instance.
 */
final class CounterBroadcast extends VerticleBase {
    /** Where each new count is published, as its decimal text. */
    static final String COUNTS = "counter.counts";
    private static final String CHANGES = "counter.changes";

    private int count;
    private long sequence;

    /** Counts the socket in; completes with the sequence of the first published count including it. */
    static Future<Long> joined(EventBus bus) {
        return bus.<Long>request(CHANGES, 1).map(Message::body);
    }

    static void left(EventBus bus) {
        bus.send(CHANGES, -1);
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<Integer>localConsumer(CHANGES, change -> {
            count += change.body();
            sequence++;
            vertx.eventBus().publish(COUNTS, sequence + " " + count);
            if (change.body() > 0) {
                change.reply(sequence);
            }
        }).completion();
    }
}
