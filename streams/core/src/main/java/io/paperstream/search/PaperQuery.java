package io.paperstream.search;

/**
 * A search of the paper index; every filter is optional (null) and all given ones must hold.
 *
 * @param topic a topic id the paper has
 * @param keyphrase a keyphrase the paper has
 * @param text words of title or abstract (simple query syntax: all words by default, {@code "a phrase"},
 *     {@code a | b}, {@code -word}, {@code prefix*})
 * @param from earliest publication time, epoch milliseconds, inclusive
 * @param to latest publication time, epoch milliseconds, inclusive
 * @param after the cursor of the previous page
 * @param limit papers in a page, at least 1
 */
public record PaperQuery(
        String topic, String keyphrase, String text, Long from, Long to, PaperCursor after, int limit) {

    public PaperQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }
}
