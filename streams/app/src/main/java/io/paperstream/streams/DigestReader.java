package io.paperstream.streams;

import static io.paperstream.waits.Waits.await;

import io.paperstream.avro.DailyDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads digests.daily from the beginning to its current end (it is compacted: one record per
 * day) and picks the latest digest, or the one of a given day.
 */
public final class DigestReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private final StreamsSettings settings;

    public DigestReader(StreamsSettings settings) {
        this.settings = settings;
    }

    /**
     * The digest of {@code day} (ISO date), or with {@code day == null} the one of the latest window.
     *
     * @param timeout how long reading may take in all
     * @return the digest, or empty when the topic has none (for that day)
     * @throws TimeoutException when Kafka does not answer or reading takes longer than {@code timeout}
     */
    public Optional<DailyDigest> read(String day, Duration timeout) {
        Deserializer<DailyDigest> values =
                KafkaTopics.DIGESTS.valueSerde(PaperstreamSerdes.from(settings)).deserializer();
        try (Consumer<String, DailyDigest> consumer = new KafkaConsumer<>(
                consumerConfig(), KafkaTopics.DIGESTS.keySerde().deserializer(), values)) {
            return read(consumer, KafkaTopics.DIGESTS.name(settings), day, timeout);
        }
    }

    /** Reads {@code topic} with {@code consumer} up to its current end; see {@link #read(String, Duration)}. */
    static Optional<DailyDigest> read(
            Consumer<String, DailyDigest> consumer, String topic, String day, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        AtomicReference<DailyDigest> best = new AtomicReference<>();
        try {
            // on this thread, the consumer's own, with no pause between polls: poll() itself waits for records
            await(topic + " read to its end")
                    .atMost(timeout)
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        if (reachedEnd(consumer, end)) {
                            return true;
                        }
                        for (ConsumerRecord<String, DailyDigest> record : consumer.poll(POLL)) {
                            best.accumulateAndGet(record.value(), (kept, digest) -> later(kept, digest, day));
                        }
                        return false;
                    });
        } catch (ConditionTimeoutException e) {
            throw new TimeoutException("reading " + topic + " took longer than " + timeout);
        }
        return Optional.ofNullable(best.get());
    }

    /** {@code digest} when it is of {@code day} (any day when null) and not older than {@code kept}; else kept. */
    private static DailyDigest later(DailyDigest kept, DailyDigest digest, String day) {
        boolean better = digest != null
                && matches(digest, day)
                && (kept == null || !digest.getWindowStart().isBefore(kept.getWindowStart()));
        return better ? digest : kept;
    }

    private static boolean matches(DailyDigest digest, String day) {
        return day == null || day.equals(digest.getDay());
    }

    private static boolean reachedEnd(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        settings.kafkaPassThrough().forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(StreamsSettings.BOOTSTRAP_SERVERS));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the application writes with exactly-once: show only committed digests
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        return config;
    }
}
