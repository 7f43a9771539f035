package io.paperstream.registry;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The error codes of the Confluent Schema Registry REST API (the {@code error_code} of its error
 * JSON), each with the exception type the client throws for it. Registries that speak the
 * Confluent API (Confluent, Apicurio's ccompat API) send these codes.
 */
public enum RegistryErrorCode {
    SUBJECT_NOT_FOUND(40401, SubjectNotFoundException::new),
    VERSION_NOT_FOUND(40402, VersionNotFoundException::new),
    SCHEMA_NOT_FOUND(40403, SchemaNotFoundException::new),
    SUBJECT_SOFT_DELETED(40404, SchemaRegistryException::new),
    SUBJECT_NOT_SOFT_DELETED(40405, SchemaRegistryException::new),
    SCHEMA_VERSION_SOFT_DELETED(40406, SchemaRegistryException::new),
    SCHEMA_VERSION_NOT_SOFT_DELETED(40407, SchemaRegistryException::new),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(40408, SchemaRegistryException::new),
    INCOMPATIBLE_SCHEMA(409, IncompatibleSchemaException::new),
    INCOMPATIBLE_AVRO_SCHEMA(40901, IncompatibleSchemaException::new),
    INVALID_SCHEMA(42201, InvalidSchemaException::new),
    INVALID_VERSION(42202, SchemaRegistryException::new),
    INVALID_COMPATIBILITY_LEVEL(42203, SchemaRegistryException::new),
    INVALID_MODE(42204, SchemaRegistryException::new),
    OPERATION_NOT_PERMITTED(42205, SchemaRegistryException::new),
    REFERENCE_EXISTS(42206, SchemaRegistryException::new),
    STORE_ERROR(50001, SchemaRegistryServerException::new),
    OPERATION_TIMEOUT(50002, SchemaRegistryServerException::new),
    REQUEST_FORWARDING_FAILED(50003, SchemaRegistryServerException::new),
    UNKNOWN_LEADER(50004, SchemaRegistryServerException::new);

    /** Builds the exception for one answer: (error code, HTTP status, server message). */
    @FunctionalInterface
    interface ExceptionFactory {
        SchemaRegistryException create(int errorCode, int httpStatus, String serverMessage);
    }

    private static final Map<Integer, RegistryErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RegistryErrorCode::code, Function.identity()));

    private final int code;
    private final ExceptionFactory factory;

    RegistryErrorCode(int code, ExceptionFactory factory) {
        this.code = code;
        this.factory = factory;
    }

    /** The numeric code as the registry sends it. */
    public int code() {
        return code;
    }

    /** The constant for a numeric code, empty for codes this enum does not know. */
    public static Optional<RegistryErrorCode> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** Creates an exception of this code's type carrying the answer. */
    public SchemaRegistryException exception(int httpStatus, String serverMessage) {
        return factory.create(code, httpStatus, serverMessage);
    }

    /**
     * The typed exception for an error answer: by its error code when known, else by HTTP status
     * (5xx: {@link SchemaRegistryServerException}, 409: {@link IncompatibleSchemaException}).
     */
    public static SchemaRegistryException toException(int errorCode, int httpStatus, String serverMessage) {
        return of(errorCode)
                .map(known -> known.exception(httpStatus, serverMessage))
                .orElseGet(() -> {
                    if (httpStatus >= 500) {
                        return new SchemaRegistryServerException(errorCode, httpStatus, serverMessage);
                    }
                    if (httpStatus == 409) {
                        return new IncompatibleSchemaException(errorCode, httpStatus, serverMessage);
                    }
                    return new SchemaRegistryException(errorCode, httpStatus, serverMessage);
                });
    }
}
