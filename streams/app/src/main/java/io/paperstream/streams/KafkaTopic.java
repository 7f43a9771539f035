package io.paperstream.streams;

import io.paperstream.settings.Setting;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A Kafka topic of the pipeline as a typed handle: the setting that names it and the Avro type of its
 * values; keys are strings. Sources, sinks and readers take the name and the serdes from here, so a
 * Kafka topic's types are stated once ({@link KafkaTopics}).
 *
 * @param nameSetting the setting that names the Kafka topic (a {@code StreamsSettings.KAFKA_TOPIC_*})
 * @param valueType the Avro record type of its values
 * @param <V> the type of its values
 */
public record KafkaTopic<V extends SpecificRecord>(Setting<String> nameSetting, Class<V> valueType) {

    public KafkaTopic {
        Objects.requireNonNull(nameSetting, "nameSetting");
        Objects.requireNonNull(valueType, "valueType");
    }

    /** The Kafka topic's name under {@code settings}. */
    public String name(StreamsSettings settings) {
        return settings.get(nameSetting);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The Avro serde of its values, with the registry of {@code serdes}. */
    public Serde<V> valueSerde(PaperstreamSerdes serdes) {
        return serdes.value(valueType);
    }

    /** How a sink named {@code sinkName} writes to the Kafka topic. */
    public Produced<String, V> produced(PaperstreamSerdes serdes, String sinkName) {
        return Produced.with(keySerde(), valueSerde(serdes)).withName(sinkName);
    }

    /** How a source named {@code sourceName} reads the Kafka topic. */
    public Consumed<String, V> consumed(PaperstreamSerdes serdes, String sourceName) {
        return Consumed.with(keySerde(), valueSerde(serdes)).withName(sourceName);
    }
}
