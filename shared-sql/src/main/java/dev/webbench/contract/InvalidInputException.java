package dev.webbench.contract;

/** Input the contract rejects with 400. The message is the JSON error text the client sees. */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
