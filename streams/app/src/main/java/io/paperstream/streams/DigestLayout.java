package io.paperstream.streams;

import java.util.function.Function;

/**
 * What a window's digest shows: its top {@code topN} rising topics and keyphrases, each with its
 * {@code papersPerEntry} most representative papers, topics under their human-readable label.
 */
record DigestLayout(int topN, int papersPerEntry, Function<String, String> topicLabel) {

    /** The layout of {@code settings} ({@code paperstream.digest.*}) with the labels of {@code topicLabel}. */
    static DigestLayout of(StreamsSettings settings, Function<String, String> topicLabel) {
        return new DigestLayout(
                settings.get(StreamsSettings.DIGEST_TOP_N),
                settings.get(StreamsSettings.DIGEST_PAPERS_PER_ENTRY),
                topicLabel);
    }
}
