package io.paperstream.streams;

/**
 * The Kafka cluster is not as the application needs it to start, in a way its operator changes: topics partitioned
 * apart, a feature the brokers do not run, a group another protocol still holds. The message is one sentence that says
 * what and what to do; {@code stream} prints it alone, with no trace, since it is no bug.
 */
public final class ClusterNotReadyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ClusterNotReadyException(String message) {
        super(message);
    }

    public ClusterNotReadyException(String message, Throwable cause) {
        super(message, cause);
    }
}
