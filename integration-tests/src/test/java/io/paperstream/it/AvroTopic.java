package io.paperstream.it;

import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.KafkaAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records of one topic of Avro values with string keys, read off the real broker (committed records only)
 * and decoded through the real registry into their generated classes, as a downstream consumer sees them.
 */
final class AvroTopic {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One record.
     *
     * @param key the key, UTF-8
     * @param value the decoded value
     * @param partition where it is
     * @param offset where it is
     */
    record Keyed<T>(String key, T value, int partition, long offset) {}

    private AvroTopic() {}

    /** Every record of {@code topic} up to its current end, in partition and offset order. */
    static <T extends SpecificRecord> List<Keyed<T>> read(StackEndpoints stack, String topic, Class<T> type) {
        List<ConsumerRecord<byte[], byte[]>> records =
                TestTopics.readAll(stack.bootstrapServers(), topic, READ_TIMEOUT);
        try (KafkaAvroDeserializer<T> deserializer = new KafkaAvroDeserializer<>(type)) {
            deserializer.configure(
                    Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.registryUrl()), false);
            return records.stream()
                    .map(record -> new Keyed<>(
                            new String(record.key(), StandardCharsets.UTF_8),
                            deserializer.deserialize(topic, record.value()),
                            record.partition(),
                            record.offset()))
                    .toList();
        }
    }

    /** The last value of every key: what a compacted topic holds, or a table built from the topic. */
    static <T> Map<String, T> latestByKey(List<Keyed<T>> records) {
        Map<String, T> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }
}
