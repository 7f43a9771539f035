package io.paperstream.streams;

import io.paperstream.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Creates the Avro value serdes of the application's topics (Confluent wire format, schemas in
 * the registry of the settings); keys are plain strings.
 */
public final class PaperstreamSerdes {

    private final Map<String, Object> config;

    public PaperstreamSerdes(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    public static PaperstreamSerdes from(StreamsSettings settings) {
        return new PaperstreamSerdes(settings.serdeConfig());
    }

    /** A value serde for records of {@code type}. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, false);
        return serde;
    }
}
