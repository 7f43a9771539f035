package io.paperstream.notify;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.DigestEntry;
import io.paperstream.avro.TrendingPaper;
import java.util.ArrayList;
import java.util.List;

/**
 * One section of a digest mail: a ranked list of entries, each with its papers. The mail shows a digest's
 * sections in the order of {@link #of}; a new section of {@link DailyDigest} is one more line there.
 *
 * @param title the section's heading
 * @param column what an entry is, as the table header says it
 * @param entries the entries shown, by rank
 * @param showKey whether an entry's key is shown next to its label (topic ids, not keyphrases)
 * @param byTopic whether a subscriber's topics choose its entries: a subscriber gets no mail when every such
 *     section is empty for them
 */
record DigestSection(String title, String column, List<DigestEntry> entries, boolean showKey, boolean byTopic) {

    DigestSection {
        entries = List.copyOf(entries);
    }

    /** The sections of {@code digest} as {@code subscriber} sees them: only the topics followed, when filtered. */
    static List<DigestSection> of(DailyDigest digest, Subscriber subscriber) {
        List<DigestEntry> topics = new ArrayList<>();
        for (DigestEntry entry : digest.getTopics()) {
            if (subscriber.followsEverything() || subscriber.topics().contains(entry.getKey())) {
                topics.add(entry);
            }
        }
        return List.of(
                new DigestSection("Rising topics", "Topic", topics, true, true),
                new DigestSection("Rising keyphrases", "Keyphrase", digest.getKeyphrases(), false, false));
    }

    /** The digest's trending papers {@code subscriber} follows: all, or those whose primary topic is followed. */
    static List<TrendingPaper> trendingPapers(DailyDigest digest, Subscriber subscriber) {
        return digest.getTrendingPapers().stream()
                .filter(p ->
                        subscriber.followsEverything() || subscriber.topics().contains(p.getPrimaryTopic()))
                .toList();
    }

    /** The entry's human-readable name. */
    static String label(DigestEntry entry) {
        return entry.getLabel().isEmpty() ? entry.getKey() : entry.getLabel();
    }
}
