package io.paperstream.serde;

import io.paperstream.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for generated Avro records in the Confluent wire format, for Kafka Streams:
 * {@code new SpecificAvroSerde<PaperAbstract>()} then
 * {@code configure(Map.of("schema.registry.url", url), false)}, as with Confluent's class. The
 * deserializer reads into the generated class named by the writer schema (Confluent's
 * {@code specific.avro.reader=true}), or into the class given to the constructor. See
 * {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer} for the behaviour and
 * {@link AvroSerdeConfig} for the keys.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final KafkaAvroSerializer<T> serializer;
    private final KafkaAvroDeserializer<T> deserializer;

    /** Reads into the class the writer schema names; {@link #configure} must be called before use. */
    public SpecificAvroSerde() {
        this.serializer = new KafkaAvroSerializer<>();
        this.deserializer = new KafkaAvroDeserializer<>();
    }

    /** Reads into {@code recordType}; {@link #configure} must be called before use. */
    public SpecificAvroSerde(Class<T> recordType) {
        this.serializer = new KafkaAvroSerializer<>();
        this.deserializer = new KafkaAvroDeserializer<>(recordType);
    }

    /** A value serde over the given client (tests: an {@code InMemorySchemaRegistryClient}); ready without {@link #configure}. */
    public SpecificAvroSerde(SchemaRegistryClient client) {
        this.serializer = new KafkaAvroSerializer<>(client);
        this.deserializer = new KafkaAvroDeserializer<>(client, specificReader(Map.of()));
    }

    /** A value serde into {@code recordType} over the given client; ready without {@link #configure}. */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> recordType) {
        this.serializer = new KafkaAvroSerializer<>(client);
        this.deserializer = new KafkaAvroDeserializer<>(client, recordType);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(specificReader(configs), isKey);
    }

    private static Map<String, Object> specificReader(Map<String, ?> configs) {
        Map<String, Object> withSpecificReader = new HashMap<>(configs);
        withSpecificReader.put(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
        return withSpecificReader;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
