package dev.webbench.contract;

/** The database cannot serve this request now (down, restarting, timed out): the contract answers 503. */
public final class DatabaseUnavailableException extends RuntimeException {
    public static final String MESSAGE = "database unavailable";

    public DatabaseUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
