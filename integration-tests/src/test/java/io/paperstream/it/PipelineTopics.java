package io.paperstream.it;

import io.paperstream.streams.StreamsSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics of one streams application under test, each with a unique name so that tests sharing a broker never
 * read each other's records, and the application id it runs under (consumer group, transactional ids, internal
 * topics).
 *
 * @param prefix the unique prefix of every name
 */
record PipelineTopics(String prefix) {

    /** Unique names, all starting with {@code prefix} and a random suffix. */
    static PipelineTopics unique(String prefix) {
        return new PipelineTopics(TestTopics.unique(prefix));
    }

    /** The {@code application.id}. */
    String applicationId() {
        return prefix + "-app";
    }

    /** The input, {@code papers.raw}. */
    String raw() {
        return prefix + "-papers.raw";
    }

    /** The all-time counts, {@code topics.counts}. */
    String counts() {
        return prefix + "-topics.counts";
    }

    /** The window counts, {@code topics.windowed}. */
    String windowed() {
        return prefix + "-topics.windowed";
    }

    /** The dead letters, {@code papers.dlq}. */
    String deadLetters() {
        return prefix + "-papers.dlq";
    }

    /** Every setting that names a topic or the application, for the streams application's settings. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(StreamsSettings.APPLICATION_ID.name(), applicationId());
        settings.put(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS.name(), raw());
        settings.put(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS.name(), counts());
        settings.put(StreamsSettings.KAFKA_TOPIC_WINDOW_COUNTS.name(), windowed());
        settings.put(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS.name(), deadLetters());
        settings.put(StreamsSettings.KAFKA_TOPIC_ENRICHED_PAPERS.name(), prefix + "-papers.enriched");
        settings.put(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS.name(), prefix + "-papers.classified");
        settings.put(StreamsSettings.KAFKA_TOPIC_WINDOW_COUNT_UPDATES.name(), prefix + "-topics.windowed.updates");
        settings.put(StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS.name(), prefix + "-trends.topics");
        settings.put(StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS.name(), prefix + "-trends.keywords");
        settings.put(StreamsSettings.KAFKA_TOPIC_DIGESTS.name(), prefix + "-digests.daily");
        return settings;
    }
}
