package io.paperstream.producer;

/** An output — a {@link PaperSink}, or the JSON Lines of {@code classify} — can take nothing more; the message is one sentence for the user. */
final class SinkException extends Exception {

    private static final long serialVersionUID = 1L;

    SinkException(String message) {
        super(message);
    }

    SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
