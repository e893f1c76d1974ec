package dev.webbench.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

/**
 * Owns the {@code /counter} count. Joins and leaves from every event loop arrive here as messages,
 * one at a time on this verticle's own event loop, and each new count is published in that order
 * on {@link #COUNTS}. The event bus delivers one sender's messages to each consumer in order, so
 * every {@link CounterSockets} sees the same sequence of counts and never a stale one last.
 * Deploy exactly one instance.
 */
final class CounterBroadcast extends VerticleBase {
    /** Where each new count is published, as its decimal text. */
    static final String COUNTS = "counter.counts";
    private static final String CHANGES = "counter.changes";

    private int count;

    static void joined(EventBus bus) {
        bus.send(CHANGES, 1);
    }

    static void left(EventBus bus) {
        bus.send(CHANGES, -1);
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<Integer>localConsumer(CHANGES, change -> {
            count += change.body();
            vertx.eventBus().publish(COUNTS, Integer.toString(count));
        }).completion();
    }
}
