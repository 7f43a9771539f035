package io.paperstream.demo;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the streams application wrote for a replay, as read back from its output topics: the rising topics and
 * keyphrases of each closed window (by window start, strongest first), the digest of each day and the all-time
 * count of each topic.
 *
 * @param topicTrends rising topics per window start, by rank
 * @param keywordTrends rising keyphrases per window start, by rank
 * @param digests the digest of each window, by window start
 * @param counts the latest all-time count of each topic, by topic id
 */
public record TrendResults(
        SortedMap<Instant, List<TopicTrend>> topicTrends,
        SortedMap<Instant, List<KeywordTrend>> keywordTrends,
        SortedMap<Instant, DailyDigest> digests,
        Map<String, TopicCount> counts) {

    /** Papers counted all time: each paper has exactly one primary topic. */
    public long papersCounted() {
        return counts.values().stream().mapToLong(TopicCount::getPrimaryCount).sum();
    }

    /** Windows closed so far: each closed window writes a digest, risers or not. */
    public int windowsClosed() {
        return digests.size();
    }

    /** The digest of the latest closed window. */
    public Optional<DailyDigest> latestDigest() {
        return digests.isEmpty() ? Optional.empty() : Optional.of(digests.get(digests.lastKey()));
    }

    /** The topic counts, most papers first (ties by id, so the table is stable). */
    public List<TopicCount> countsByPapers() {
        return counts.values().stream()
                .sorted(Comparator.comparingLong(TopicCount::getAnyCount)
                        .reversed()
                        .thenComparing(TopicCount::getTopic))
                .toList();
    }
}
