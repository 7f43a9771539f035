package io.paperstream.it;

import io.paperstream.avro.TopicCount;
import io.paperstream.classify.Classification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the pipeline's counts must be, worked out in the test from the papers it sends and their classification
 * (the classifier run offline), following the promises of the architecture, not the topology's code:
 * <ul>
 *   <li>a paper counts once per topic it has (primary count for its primary topic, "any" count for each), and a
 *       revision takes the old version's topics back before counting the new ones;</li>
 *   <li>windows are tumbling event-time windows of {@code size} aligned to the epoch; stream time is the
 *       latest publication time seen; a window is closed once stream time reaches its end plus {@code grace},
 *       and a change (a paper or a revision's take-back) for a closed window is left out of it.</li>
 * </ul>
 * The model needs the papers in the order the application processes them: one partition, or papers in
 * publication-time order.
 */
final class ExpectedCounts {

    /**
     * The counts of one topic in one window.
     *
     * @param topic taxonomy id
     * @param windowStart window start, epoch milliseconds
     */
    record TopicWindow(String topic, long windowStart) implements Comparable<TopicWindow> {

        @Override
        public int compareTo(TopicWindow other) {
            int byStart = Long.compare(windowStart, other.windowStart);
            return byStart != 0 ? byStart : topic.compareTo(other.topic);
        }
    }

    /**
     * Primary and "any" counts.
     *
     * @param primary papers with the topic as primary
     * @param any papers with the topic at all
     */
    record Counts(long primary, long any) {

        Counts plus(Counts other) {
            return new Counts(primary + other.primary, any + other.any);
        }

        Counts negated() {
            return new Counts(-primary, -any);
        }
    }

    /** What the model keeps of the current version of a paper. */
    private record Version(Classification classification, Set<String> keyphrases, long publishedAt) {}

    private final long sizeMs;
    private final long graceMs;
    private final Map<String, Version> papers = new HashMap<>();
    private final Map<String, Counts> allTime = new TreeMap<>();
    private final Map<TopicWindow, Counts> windows = new TreeMap<>();
    private final Map<Long, Map<String, Version>> windowPapers = new TreeMap<>();
    private long streamTime = Long.MIN_VALUE;

    ExpectedCounts(Duration windowSize, Duration grace) {
        this.sizeMs = windowSize.toMillis();
        this.graceMs = grace.toMillis();
    }

    /**
     * A new paper, or a revision of paper {@code id} (a paper re-sent unchanged is not passed here: it changes
     * nothing).
     *
     * @param keyphrases its keyphrases, for the keyphrase counts of its window
     */
    void paper(String id, Classification classification, List<String> keyphrases, Instant publishedAt) {
        long time = publishedAt.toEpochMilli();
        Version previous = papers.put(id, new Version(classification, Set.copyOf(keyphrases), time));
        // the take-back comes first and, being older, does not move stream time
        if (previous != null) {
            changes(previous.classification())
                    .forEach((topic, change) -> allTime.merge(topic, change.negated(), Counts::plus));
            long oldWindow = windowStart(previous.publishedAt());
            if (!closed(oldWindow)) {
                changes(previous.classification())
                        .forEach((topic, change) ->
                                windows.merge(new TopicWindow(topic, oldWindow), change.negated(), Counts::plus));
                windowPapers.get(oldWindow).remove(id);
            }
        }
        streamTime = Math.max(streamTime, time);
        changes(classification).forEach((topic, change) -> allTime.merge(topic, change, Counts::plus));
        long window = windowStart(time);
        // a paper later than its window's grace counts all time only
        if (!closed(window)) {
            changes(classification)
                    .forEach((topic, change) -> windows.merge(new TopicWindow(topic, window), change, Counts::plus));
            windowPapers.computeIfAbsent(window, start -> new TreeMap<>()).put(id, papers.get(id));
        }
    }

    private static Map<String, Counts> changes(Classification classification) {
        Map<String, Counts> changes = new TreeMap<>();
        for (String topic : classification.topicIds()) {
            changes.put(topic, new Counts(topic.equals(classification.primary()) ? 1 : 0, 1));
        }
        return changes;
    }

    private long windowStart(long time) {
        return Math.floorDiv(time, sizeMs) * sizeMs;
    }

    /** Whether the window starting at {@code windowStart} is closed at the current stream time. */
    boolean closed(long windowStart) {
        return windowStart + sizeMs + graceMs <= streamTime;
    }

    /** The all-time count of every topic a paper ever had, as topics.counts must end. */
    Map<String, TopicCount> allTime() {
        Map<String, TopicCount> counts = new TreeMap<>();
        allTime.forEach((topic, count) -> counts.put(
                topic,
                TopicCount.newBuilder()
                        .setTopic(topic)
                        .setPrimaryCount(count.primary())
                        .setAnyCount(count.any())
                        .build()));
        return counts;
    }

    /** The counts of every topic in every closed window: what topics.windowed must hold, once each. */
    Map<TopicWindow, Counts> closedWindows() {
        Map<TopicWindow, Counts> closed = new TreeMap<>();
        windows.forEach((key, counts) -> {
            if (closed(key.windowStart())) {
                closed.put(key, counts);
            }
        });
        return closed;
    }

    /** The papers of every closed window, by window start. */
    Map<Long, Set<String>> closedWindowPapers() {
        Map<Long, Set<String>> closed = new TreeMap<>();
        windowPapers.forEach((start, versions) -> {
            if (closed(start)) {
                closed.put(start, Set.copyOf(versions.keySet()));
            }
        });
        return closed;
    }

    /** Papers with {@code keyphrase} among the papers of the window starting at {@code windowStart}. */
    long keyphraseCount(long windowStart, String keyphrase) {
        return windowPapers.getOrDefault(windowStart, Map.of()).values().stream()
                .filter(version -> version.keyphrases().contains(keyphrase))
                .count();
    }

    long windowSizeMs() {
        return sizeMs;
    }

    /** How many distinct papers were sent: papers.classified must hold as many keys. */
    long papers() {
        return papers.size();
    }
}
