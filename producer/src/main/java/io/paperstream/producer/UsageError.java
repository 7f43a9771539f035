package io.paperstream.producer;

/** A command-line mistake, reported as one sentence with exit code 2. */
final class UsageError extends Exception {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
