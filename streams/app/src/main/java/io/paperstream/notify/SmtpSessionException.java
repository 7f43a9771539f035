package io.paperstream.notify;

/**
 * The SMTP server will not hold the session {@code notify} is set up for: it refuses the configured login,
 * requires a login (or TLS) before taking mail, or does not offer the STARTTLS that is required. Retrying
 * cannot help; the settings or the server must change.
 */
public final class SmtpSessionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmtpSessionException(String message) {
        super(message);
    }
}
