package dev.webbench.contract;

/** Limits every implementation enforces, as the contract states them. */
public final class Limits {
    /** A request body above this gets 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A WebSocket client with more unsent counter frames than this is dropped, never buffered further. */
    public static final int MAX_PENDING_COUNTER_FRAMES = 64;
    /** Text frames from clients are ignored; anything larger than this closes the socket (1009). */
    public static final int MAX_WEBSOCKET_FRAME_BYTES = 4 * 1024;
    /** How long graceful shutdown waits for in-flight requests. */
    public static final long SHUTDOWN_GRACE_MILLIS = 10_000;

    private Limits() {
    }
}
