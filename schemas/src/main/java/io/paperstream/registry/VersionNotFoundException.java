package io.paperstream.registry;

/** The subject has no such version (Confluent error code 40402). */
public class VersionNotFoundException extends SchemaRegistryException {

    public VersionNotFoundException(int errorCode, int httpStatus, String serverMessage) {
        super(errorCode, httpStatus, serverMessage);
    }
}
