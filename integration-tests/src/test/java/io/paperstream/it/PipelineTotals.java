package io.paperstream.it;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.KafkaAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The counts of the pipeline as plain values, to compare what it wrote with what it must have written: the all-time
 * counts per topic (the latest value per key of {@code topics.counts}) and every record of {@code topics.windowed}
 * (one per topic per closed window; a window published twice appears twice).
 *
 * @param counts primary and any-assignment count per topic id
 * @param windows the window counts, in the order read
 */
record PipelineTotals(Map<String, Count> counts, List<WindowCount> windows) {

    /**
     * One topic's count.
     *
     * @param primary papers whose primary topic it is
     * @param any papers assigned the topic as primary or secondary
     */
    record Count(long primary, long any) {

        Count plus(Count other) {
            return new Count(primary + other.primary, any + other.any);
        }
    }

    /** One topic's count in one event-time window {@code [start, end)}. */
    record WindowCount(String topic, Instant start, Instant end, long primary, long any) {}

    PipelineTotals {
        counts = Map.copyOf(counts);
        windows = List.copyOf(windows);
    }

    /** Papers counted all time. */
    long papers() {
        return counts.values().stream().mapToLong(Count::primary).sum();
    }

    /**
     * What the pipeline must write for {@code windowed} papers (counted all time and in their windows, which must
     * all be closed) and {@code unwindowed} ones (counted all time only: their windows are still open), each paper
     * classified on its own by the classifier the application uses, each counted exactly once.
     *
     * @param windowSize the size of the tumbling windows ({@code paperstream.window.size})
     */
    static PipelineTotals expected(
            Collection<PaperAbstract> windowed, Collection<PaperAbstract> unwindowed, Duration windowSize) {
        PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
        // the replays reuse the corpus's texts: classify each text once
        Map<String, Classification> byText = new HashMap<>();
        Map<String, Count> counts = new TreeMap<>();
        Map<WindowKey, Count> windows = new HashMap<>();
        for (PaperAbstract paper : windowed) {
            Classification classification = classify(classifier, byText, paper);
            add(counts, classification);
            long size = windowSize.toMillis();
            long startMillis = paper.getPublishedAt().toEpochMilli()
                    - paper.getPublishedAt().toEpochMilli() % size;
            for (String topic : classification.topicIds()) {
                windows.merge(
                        new WindowKey(topic, startMillis, startMillis + size),
                        change(classification, topic),
                        Count::plus);
            }
        }
        for (PaperAbstract paper : unwindowed) {
            add(counts, classify(classifier, byText, paper));
        }
        List<WindowCount> windowCounts = new ArrayList<>();
        windows.forEach((key, count) -> windowCounts.add(new WindowCount(
                key.topic(),
                Instant.ofEpochMilli(key.startMillis()),
                Instant.ofEpochMilli(key.endMillis()),
                count.primary(),
                count.any())));
        return new PipelineTotals(counts, windowCounts);
    }

    /**
     * What the pipeline wrote: {@code countsTopic} and {@code windowedTopic} read from the beginning to their
     * current end with {@code isolation.level=read_committed} (what a downstream application sees), decoded through
     * the registry.
     *
     * @throws AssertionError when a windowed record is not marked final
     */
    static PipelineTotals read(StackEndpoints endpoints, String countsTopic, String windowedTopic, Duration timeout) {
        try (KafkaAvroDeserializer<SpecificRecord> deserializer = new KafkaAvroDeserializer<>()) {
            deserializer.configure(
                    Map.of(
                            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
                            endpoints.registryUrl(),
                            AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG,
                            true),
                    false);
            Map<String, Count> counts = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record :
                    TestTopics.readAll(endpoints.bootstrapServers(), countsTopic, timeout)) {
                TopicCount count = (TopicCount) deserializer.deserialize(countsTopic, record.value());
                // one key lives in one partition, read in offset order: the last value is the latest
                counts.put(
                        new String(record.key(), StandardCharsets.UTF_8),
                        new Count(count.getPrimaryCount(), count.getAnyCount()));
            }
            List<WindowCount> windows = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record :
                    TestTopics.readAll(endpoints.bootstrapServers(), windowedTopic, timeout)) {
                TopicWindowCount window = (TopicWindowCount) deserializer.deserialize(windowedTopic, record.value());
                if (!window.getFinal$()) {
                    throw new AssertionError(windowedTopic + " holds an early update, not a final result: " + window);
                }
                windows.add(new WindowCount(
                        window.getTopic(),
                        window.getWindowStart(),
                        window.getWindowEnd(),
                        window.getPrimaryCount(),
                        window.getAnyCount()));
            }
            return new PipelineTotals(counts, windows);
        }
    }

    private static Classification classify(
            PaperClassifier classifier, Map<String, Classification> byText, PaperAbstract paper) {
        return byText.computeIfAbsent(
                paper.getTitle() + "\n" + paper.getAbstract$(),
                text -> classifier.classify(paper.getTitle(), paper.getAbstract$()));
    }

    private static void add(Map<String, Count> counts, Classification classification) {
        for (String topic : classification.topicIds()) {
            counts.merge(topic, change(classification, topic), Count::plus);
        }
    }

    /** A paper's contribution to one of its topics: always to "any", to "primary" for its primary topic. */
    private static Count change(Classification classification, String topic) {
        return new Count(topic.equals(classification.primary()) ? 1 : 0, 1);
    }

    private record WindowKey(String topic, long startMillis, long endMillis) {}
}
