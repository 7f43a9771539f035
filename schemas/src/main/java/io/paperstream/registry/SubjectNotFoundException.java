package io.paperstream.registry;

/** The subject does not exist (Confluent error code 40401). */
public class SubjectNotFoundException extends SchemaRegistryException {

    public SubjectNotFoundException(int errorCode, int httpStatus, String serverMessage) {
        super(errorCode, httpStatus, serverMessage);
    }
}
