package io.paperstream.registry;

/** The registry could not parse or accept the schema (Confluent error code 42201). */
public class InvalidSchemaException extends SchemaRegistryException {

    public InvalidSchemaException(int errorCode, int httpStatus, String serverMessage) {
        super(errorCode, httpStatus, serverMessage);
    }
}
