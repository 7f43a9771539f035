package io.paperstream.text;

/**
 * Receives the tokens of a {@link Tokenizer} scan, in text order.
 *
 * <p>The buffer passed to {@link #token} is reused by the scanner: read it before returning.
 */
public interface TokenSink {

    /**
     * One normalized token: lower-cased, join-prefix hyphens removed, plural suffix stripped.
     *
     * @param buffer the token characters in {@code buffer[0..length)}; only valid during the call
     * @param length number of characters, or {@link Tokenizer#OVERLONG} for a token too long to buffer
     */
    void token(char[] buffer, int length);

    /**
     * Punctuation that ends a phrase: no phrase may span it.
     *
     * @param sentenceEnd true for punctuation that ends a sentence or clause (. ! ? ;), false for
     *                    commas, colons, brackets and quotes
     */
    void boundary(boolean sentenceEnd);

    /** A URL the scanner skipped; it also ends any phrase. */
    default void url() {
        boundary(false);
    }
}
