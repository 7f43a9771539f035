package io.paperstream.registry;

/** The schema breaks the subject's compatibility level (Confluent error code 409, also sent as 40901). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    public IncompatibleSchemaException(int errorCode, int httpStatus, String serverMessage) {
        super(errorCode, httpStatus, serverMessage);
    }
}
