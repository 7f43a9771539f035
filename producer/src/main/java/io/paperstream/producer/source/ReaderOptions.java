package io.paperstream.producer.source;

/**
 * Settings every reader shares.
 *
 * @param maxLineBytes the longest line (or JSON string) a reader loads; a longer one is
 *     reported as a bad record without being loaded
 * @param year the year of trending-page dates that have none, such as {@code Mar 14}
 */
public record ReaderOptions(int maxLineBytes, int year) {

    /** 1 MiB: far above any real abstract, far below what would hurt the heap. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    public ReaderOptions {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
    }
}
