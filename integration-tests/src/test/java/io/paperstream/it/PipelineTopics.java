package io.paperstream.it;

import io.paperstream.streams.StreamsSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

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

    /** The enriched papers, {@code papers.enriched}. */
    String enriched() {
        return prefix + "-papers.enriched";
    }

    /** The classified papers, {@code papers.classified}. */
    String classified() {
        return prefix + "-papers.classified";
    }

    /** The all-time counts, {@code topics.counts}. */
    String counts() {
        return prefix + "-topics.counts";
    }

    /** The window counts, {@code topics.windowed}. */
    String windowed() {
        return prefix + "-topics.windowed";
    }

    /** The daily digests, {@code digests.daily}. */
    String digests() {
        return prefix + "-digests.daily";
    }

    /** The dead letters, {@code papers.dlq}. */
    String deadLetters() {
        return prefix + "-papers.dlq";
    }

    /**
     * The settings of an instance of the streams application over these topics, against {@code stack}, with its
     * state in a fresh directory named {@code stateDirectory}, the serving layer on any free port, then
     * {@code overrides}.
     */
    StreamsSettings appSettings(StackEndpoints stack, String stateDirectory, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(settings());
        values.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        values.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), stack.registryUrl());
        // the serving layer on any free port: tests share the machine with other servers and with each other
        values.put(StreamsSettings.HTTP_PORT.name(), "0");
        values.put(
                StreamsConfig.STATE_DIR_CONFIG,
                ItDirectories.fresh(stateDirectory).toString());
        values.putAll(overrides);
        return StreamsSettings.of(values);
    }

    /** The engagement input of this run. */
    String engagement() {
        return prefix + "-papers.engagement";
    }

    /** The trending papers of this run. */
    String trending() {
        return prefix + "-papers.trending";
    }

    /** Every setting that names a topic or the application, for the streams application's settings. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(StreamsSettings.APPLICATION_ID.name(), applicationId());
        settings.put(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS.name(), raw());
        settings.put(StreamsSettings.KAFKA_TOPIC_TOPIC_COUNTS.name(), counts());
        settings.put(StreamsSettings.KAFKA_TOPIC_WINDOW_COUNTS.name(), windowed());
        settings.put(StreamsSettings.KAFKA_TOPIC_DEAD_LETTERS.name(), deadLetters());
        settings.put(StreamsSettings.KAFKA_TOPIC_ENRICHED_PAPERS.name(), enriched());
        settings.put(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS.name(), classified());
        settings.put(StreamsSettings.KAFKA_TOPIC_WINDOW_COUNT_UPDATES.name(), prefix + "-topics.windowed.updates");
        settings.put(StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS.name(), prefix + "-trends.topics");
        settings.put(StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS.name(), prefix + "-trends.keywords");
        settings.put(StreamsSettings.KAFKA_TOPIC_DIGESTS.name(), digests());
        settings.put(StreamsSettings.KAFKA_TOPIC_ENGAGEMENT.name(), engagement());
        settings.put(StreamsSettings.KAFKA_TOPIC_TRENDING.name(), trending());
        return settings;
    }
}
