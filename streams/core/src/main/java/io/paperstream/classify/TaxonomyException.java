package io.paperstream.classify;

/** A taxonomy file that cannot be read or is not valid; the message names the file and the problem. */
public class TaxonomyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaxonomyException(String message) {
        super(message);
    }

    public TaxonomyException(String message, Throwable cause) {
        super(message, cause);
    }
}
