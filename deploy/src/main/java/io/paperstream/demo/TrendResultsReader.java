package io.paperstream.demo;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicTrend;
import io.paperstream.streams.KafkaTopics;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the output topics of a streams application (trends.topics, trends.keywords, digests.daily and
 * topics.counts) from their beginning, committed records only, and keeps what they say so far as
 * {@link TrendResults}. Not thread-safe: one thread polls and reads.
 */
public final class TrendResultsReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topicTrendsTopic;
    private final String keywordTrendsTopic;
    private final String digestsTopic;
    private final String countsTopic;
    private final Deserializer<TopicTrend> topicTrends;
    private final Deserializer<KeywordTrend> keywordTrends;
    private final Deserializer<DailyDigest> digests;
    private final Deserializer<TopicCount> counts;

    private final SortedMap<Instant, Map<String, TopicTrend>> topicTrendsByWindow = new TreeMap<>();
    private final SortedMap<Instant, Map<String, KeywordTrend>> keywordTrendsByWindow = new TreeMap<>();
    private final SortedMap<Instant, DailyDigest> digestsByWindow = new TreeMap<>();
    private final Map<String, TopicCount> countsByTopic = new HashMap<>();

    /** Starts following the output topics named by {@code settings}, which must exist. */
    public TrendResultsReader(StreamsSettings settings, Duration timeout) {
        PaperstreamSerdes serdes = PaperstreamSerdes.from(settings);
        this.topicTrendsTopic = KafkaTopics.TOPIC_TRENDS.name(settings);
        this.keywordTrendsTopic = KafkaTopics.KEYWORD_TRENDS.name(settings);
        this.digestsTopic = KafkaTopics.DIGESTS.name(settings);
        this.countsTopic = KafkaTopics.TOPIC_COUNTS.name(settings);
        this.topicTrends = KafkaTopics.TOPIC_TRENDS.valueSerde(serdes).deserializer();
        this.keywordTrends = KafkaTopics.KEYWORD_TRENDS.valueSerde(serdes).deserializer();
        this.digests = KafkaTopics.DIGESTS.valueSerde(serdes).deserializer();
        this.counts = KafkaTopics.TOPIC_COUNTS.valueSerde(serdes).deserializer();
        this.consumer =
                new KafkaConsumer<>(consumerConfig(settings), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topicTrendsTopic, keywordTrendsTopic, digestsTopic, countsTopic)) {
            consumer.partitionsFor(topic, timeout)
                    .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived, waiting at most {@code maxWait} for the first records. */
    public void poll(Duration maxWait) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(maxWait)) {
            if (record.value() != null) {
                take(record.topic(), record.value());
            }
        }
    }

    /** What the topics said so far. */
    public TrendResults results() {
        return new TrendResults(
                ranked(topicTrendsByWindow, TopicTrend::getRank),
                ranked(keywordTrendsByWindow, KeywordTrend::getRank),
                new TreeMap<>(digestsByWindow),
                Map.copyOf(countsByTopic));
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void take(String topic, byte[] value) {
        if (topic.equals(topicTrendsTopic)) {
            TopicTrend trend = topicTrends.deserialize(topic, value);
            topicTrendsByWindow
                    .computeIfAbsent(trend.getWindowStart(), w -> new LinkedHashMap<>())
                    .put(trend.getTopic(), trend);
        } else if (topic.equals(keywordTrendsTopic)) {
            KeywordTrend trend = keywordTrends.deserialize(topic, value);
            keywordTrendsByWindow
                    .computeIfAbsent(trend.getWindowStart(), w -> new LinkedHashMap<>())
                    .put(trend.getKeyphrase(), trend);
        } else if (topic.equals(digestsTopic)) {
            DailyDigest digest = digests.deserialize(topic, value);
            digestsByWindow.put(digest.getWindowStart(), digest);
        } else {
            TopicCount count = counts.deserialize(topic, value);
            countsByTopic.put(count.getTopic(), count);
        }
    }

    private static <T> SortedMap<Instant, List<T>> ranked(
            SortedMap<Instant, Map<String, T>> byWindow, Function<T, Integer> rank) {
        SortedMap<Instant, List<T>> ranked = new TreeMap<>();
        byWindow.forEach((window, trends) -> ranked.put(
                window,
                trends.values().stream().sorted(Comparator.comparing(rank)).toList()));
        return ranked;
    }

    private static Map<String, Object> consumerConfig(StreamsSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(StreamsSettings.BOOTSTRAP_SERVERS));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.get(StreamsSettings.APPLICATION_ID) + "-results");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the application writes with exactly-once: read only what it committed
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        return config;
    }
}
