package dev.webbench.contract;

/** Limits every implementation enforces, as the contract states them. */
public final class Limits {
    /** A request body above this gets 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** A WebSocket client with more unsent counter frames than this is dropped, never buffered further. */
    public static final int MAX_PENDING_COUNTER_FRAMES = 64;
    /** Text frames from clients are ignored; anything larger than this closes the socket (1009). */
    public static final int MAX_WEBSOCKET_FRAME_BYTES = 4 * 1024;
    /**
     * After a 413, up to this much of the refused body is still read and discarded, so that the
     * client, still sending, can read the answer instead of meeting a TCP reset; beyond it the
     * connection is closed.
     */
    public static final int MAX_DRAINED_BODY_BYTES = 1024 * 1024;
    /** Request line: longer ones get 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /** Header section: larger ones get 431. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /**
     * A request's headers must be complete this long after the connection was accepted or the previous
     * response was written (slowloris, and idle keep-alive connections); else the connection is closed.
     */
    public static final int REQUEST_HEADER_TIMEOUT_SECONDS = 10;
    /**
     * A request's body must be complete this long after its headers (for a 64 KiB body, at least 6.5 KiB/s);
     * else the connection is closed. Nothing scarce (a database connection, an admission slot) is taken before.
     */
    public static final int REQUEST_BODY_TIMEOUT_SECONDS = 10;
    /** A WebSocket client with more unsent bytes than this (pongs and close frames included) is dropped. */
    public static final int MAX_PENDING_WEBSOCKET_BYTES = 64 * 1024;
    /** How long graceful shutdown waits for in-flight requests. */
    public static final long SHUTDOWN_GRACE_MILLIS = 10_000;

    private Limits() {
    }
}
