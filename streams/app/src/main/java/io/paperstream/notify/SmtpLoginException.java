package io.paperstream.notify;

/** The SMTP server refused the configured user name and password: retrying cannot help. */
public final class SmtpLoginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmtpLoginException(String message) {
        super(message);
    }
}
