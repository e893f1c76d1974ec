package dev.webbench.config;

import java.util.Locale;

/** Where blocking work runs in implementations that offer the choice (impl-servlet, impl-netty). */
public enum ThreadModel {
    /** A bounded pool of platform threads. */
    PLATFORM,
    /** One virtual thread per task (pays off most on JDK 24+, where synchronized no longer pins). */
    VIRTUAL;

    static ThreadModel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("THREAD_MODEL must be 'platform' or 'virtual', got '" + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
