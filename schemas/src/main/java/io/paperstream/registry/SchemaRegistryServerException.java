package io.paperstream.registry;

/** The registry failed internally: store error, time-out, forwarding to the leader (Confluent error codes 500xx). */
public class SchemaRegistryServerException extends SchemaRegistryException {

    public SchemaRegistryServerException(int errorCode, int httpStatus, String serverMessage) {
        super(errorCode, httpStatus, serverMessage);
    }
}
