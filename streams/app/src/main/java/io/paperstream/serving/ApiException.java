package io.paperstream.serving;

/** A request the API answers with a client error: its HTTP status, a stable error code and a sentence. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String error;

    private ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
