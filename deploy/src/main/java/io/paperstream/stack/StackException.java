package io.paperstream.stack;

/**
 * An expected failure of the local stack (a taken port, a child process that does not become
 * ready, a missing distribution), carrying one sentence a user can act on. The CLI prints the
 * message without a stack trace.
 */
public class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
