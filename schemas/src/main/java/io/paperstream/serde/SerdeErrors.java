package io.paperstream.serde;

/** How serde messages name the Avro or I/O failure underneath. */
final class SerdeErrors {

    private SerdeErrors() {}

    /** The failure's type and message, e.g. "EOFException" or "AvroTypeException: Expected long. Got STRING". */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
