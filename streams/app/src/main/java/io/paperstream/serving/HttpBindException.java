package io.paperstream.serving;

/** The HTTP server cannot listen where the settings say: the port is taken or the host is not this machine's. */
public final class HttpBindException extends RuntimeException {

    HttpBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
