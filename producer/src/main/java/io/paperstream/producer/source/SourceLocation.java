package io.paperstream.producer.source;

/**
 * A line of a source: where a paper or a bad record was read.
 *
 * @param origin the source
 * @param line the 1-based line number, or 0 for the source as a whole (a URL that could not be fetched)
 */
public record SourceLocation(Origin origin, long line) {

    /** The URI of this line, such as {@code file:/data/papers.txt#L12}; the URL itself for URL sources. */
    public String uri() {
        return origin.lineAddressed() && line > 0 ? origin.uri() + "#L" + line : origin.uri();
    }

    /** {@code name:line} (just the name for line 0), the prefix of every message about this location. */
    @Override
    public String toString() {
        return line > 0 ? origin.name() + ":" + line : origin.name();
    }
}
