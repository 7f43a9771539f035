package io.paperstream.registry;

/**
 * No schema registry answered: connection refused, unknown host, or no answer within the
 * time-out, at every configured URL. Its message is one sentence naming the URLs (never their
 * credentials); {@link #errorCode()} and {@link #httpStatus()} are 0.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(0, 0, message, cause);
    }
}
