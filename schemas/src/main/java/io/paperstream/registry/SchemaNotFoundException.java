package io.paperstream.registry;

/** No schema has that id, or the subject has no such schema (Confluent error code 40403). */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(int errorCode, int httpStatus, String serverMessage) {
        super(errorCode, httpStatus, serverMessage);
    }
}
