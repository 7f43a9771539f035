package io.paperstream.notify;

/** A subscriptions file that cannot be used, with the file and line that say where. */
public final class SubscriptionsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SubscriptionsException(String message) {
        super(message);
    }
}
