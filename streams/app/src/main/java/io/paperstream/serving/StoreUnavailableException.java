package io.paperstream.serving;

/**
 * A query cannot be answered now but can be soon: the application is starting, rebalancing or
 * restoring a store, or the instance that owns the key did not answer. Answered with 503 and
 * Retry-After.
 */
final class StoreUnavailableException extends RuntimeException {

    StoreUnavailableException(String message) {
        super(message);
    }

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
