package io.paperstream.producer.source;

import java.util.Objects;

/**
 * A record a reader could not turn into a paper; the reader reports it and carries on with
 * the next record.
 *
 * @param location the line the problem is on
 * @param reason what is wrong, as a phrase such as {@code empty abstract for title 'X'}
 */
public record BadRecord(SourceLocation location, String reason) implements ReadResult {

    public BadRecord {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }

    private static final int MAX_QUOTED_TITLE_CHARS = 200;

    /** The message users see: {@code trending-papers.txt:123: empty abstract for title 'X'}. */
    public String message() {
        return location + ": " + reason;
    }

    /** A title as messages quote it: in single quotes, cut after 200 characters. */
    static String quote(String title) {
        String shown =
                title.length() <= MAX_QUOTED_TITLE_CHARS ? title : title.substring(0, MAX_QUOTED_TITLE_CHARS) + "...";
        return "'" + shown + "'";
    }
}
