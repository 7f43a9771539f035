package io.paperstream.registry;

/**
 * A schema registry refused or failed a request. Carries the Confluent error code and the HTTP
 * status of the answer next to the server's own message, so callers can branch on the code and
 * users see what the registry said. Subclasses name the codes callers commonly handle.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int errorCode;
    private final int httpStatus;
    private final String serverMessage;

    /**
     * @param errorCode Confluent error code (40401, 409, 42201, 50001, ...), the HTTP status when
     *     the answer had none, 0 when the failure has no code (no answer, or an unusable one)
     * @param httpStatus HTTP status of the answer, 0 when no answer arrived
     * @param serverMessage the registry's message, or a description of what went wrong
     */
    public SchemaRegistryException(int errorCode, int httpStatus, String serverMessage) {
        this(errorCode, httpStatus, serverMessage, null);
    }

    protected SchemaRegistryException(int errorCode, int httpStatus, String serverMessage, Throwable cause) {
        super(describe(errorCode, httpStatus, serverMessage), cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
        this.serverMessage = serverMessage;
    }

    private static String describe(int errorCode, int httpStatus, String serverMessage) {
        if (httpStatus == 0) {
            return serverMessage;
        }
        if (errorCode == 0) {
            return serverMessage + " (HTTP " + httpStatus + ")";
        }
        return serverMessage + " (error code " + errorCode + ", HTTP " + httpStatus + ")";
    }

    /** Confluent error code of the answer; the HTTP status when it had none; 0 when there is no code. */
    public int errorCode() {
        return errorCode;
    }

    /** HTTP status of the answer; 0 when the registry did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's message exactly as it sent it (without the codes {@link #getMessage()} adds). */
    public String serverMessage() {
        return serverMessage;
    }
}
