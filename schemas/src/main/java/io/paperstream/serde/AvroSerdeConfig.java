package io.paperstream.serde;

import io.paperstream.registry.SchemaRegistryClientConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The configuration of the Avro serializer and deserializer, under Confluent's key names so that
 * an existing producer, consumer or Streams configuration works unchanged: the registry keys of
 * {@link SchemaRegistryClientConfig} ({@value #SCHEMA_REGISTRY_URL_CONFIG}, basic auth, time-outs)
 * plus {@value #AUTO_REGISTER_SCHEMAS}, {@value #USE_LATEST_VERSION},
 * {@value #KEY_SUBJECT_NAME_STRATEGY}, {@value #VALUE_SUBJECT_NAME_STRATEGY},
 * {@value #SPECIFIC_AVRO_READER_CONFIG}, {@value #SPECIFIC_AVRO_KEY_TYPE_CONFIG},
 * {@value #SPECIFIC_AVRO_VALUE_TYPE_CONFIG} and {@value #UNAVAILABLE_WAIT_MS_CONFIG}. Other keys in the map are
 * ignored.
 */
public class AvroSerdeConfig extends SchemaRegistryClientConfig {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE_CONFIG = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE_CONFIG = "specific.avro.value.type";
    public static final String UNAVAILABLE_WAIT_MS_CONFIG = "schema.registry.unavailable.wait.ms";

    /** The default (and only supported) subject name strategy, by its Confluent class name. */
    public static final String TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private static final String TOPIC_NAME_STRATEGY_SIMPLE_NAME = "TopicNameStrategy";

    public AvroSerdeConfig(Map<?, ?> originals) {
        super(configDef(), originals);
    }

    /** The definition of every serde key, including the registry client's. */
    public static ConfigDef configDef() {
        ConfigDef definition = new ConfigDef(SchemaRegistryClientConfig.configDef())
                .define(
                        AUTO_REGISTER_SCHEMAS,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        "Register the record's schema under its subject when serializing. When false, the schema "
                                + "must already be registered (looked up with POST /subjects/{subject}), unless "
                                + USE_LATEST_VERSION + " is true.")
                .define(
                        USE_LATEST_VERSION,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        "With " + AUTO_REGISTER_SCHEMAS + "=false: write with the subject's latest registered schema "
                                + "(records are converted to it by Avro schema resolution when their own schema differs).")
                .define(
                        KEY_SUBJECT_NAME_STRATEGY,
                        Type.STRING,
                        TOPIC_NAME_STRATEGY,
                        AvroSerdeConfig::validateStrategy,
                        Importance.LOW,
                        "Subject of keys: TopicNameStrategy, <topic>-key (the only strategy supported).")
                .define(
                        VALUE_SUBJECT_NAME_STRATEGY,
                        Type.STRING,
                        TOPIC_NAME_STRATEGY,
                        AvroSerdeConfig::validateStrategy,
                        Importance.LOW,
                        "Subject of values: TopicNameStrategy, <topic>-value (the only strategy supported).");
        return withReaderKeys(definition);
    }

    /** {@code definition} with the deserializer's own keys. */
    private static ConfigDef withReaderKeys(ConfigDef definition) {
        return definition
                .define(
                        SPECIFIC_AVRO_READER_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        "Deserialize into the generated class named by the writer schema instead of GenericRecord.")
                .define(
                        SPECIFIC_AVRO_KEY_TYPE_CONFIG,
                        Type.CLASS,
                        null,
                        Importance.LOW,
                        "Generated class to deserialize keys into, whatever the writer schema's name.")
                .define(
                        SPECIFIC_AVRO_VALUE_TYPE_CONFIG,
                        Type.CLASS,
                        null,
                        Importance.LOW,
                        "Generated class to deserialize values into, whatever the writer schema's name.")
                .define(
                        UNAVAILABLE_WAIT_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "How long the deserializer waits, retrying, for a registry that does not answer (or answers"
                                + " with a server error) when it looks up a writer schema it has not seen, before it"
                                + " fails: a record is not bad because the registry is down. Kafka Streams' exactly-once"
                                + " aborts a transaction open for longer than transaction.timeout.ms (10 s by default):"
                                + " keep it below that.");
    }

    private static void validateStrategy(String name, Object value) {
        String strategy = String.valueOf(value);
        String simpleName = strategy.substring(strategy.lastIndexOf('.') + 1);
        if (!simpleName.equals(TOPIC_NAME_STRATEGY_SIMPLE_NAME)) {
            throw new ConfigException(name, value, "only TopicNameStrategy (<topic>-key, <topic>-value) is supported");
        }
    }

    /** {@value #UNAVAILABLE_WAIT_MS_CONFIG}. */
    public Duration unavailableWait() {
        return Duration.ofMillis(getLong(UNAVAILABLE_WAIT_MS_CONFIG));
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
    }

    /** The subject of a topic's keys or values: {@code <topic>-key} or {@code <topic>-value}. */
    public String subjectName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }

    /**
     * The generated class {@value #SPECIFIC_AVRO_KEY_TYPE_CONFIG} or
     * {@value #SPECIFIC_AVRO_VALUE_TYPE_CONFIG} names, if set.
     *
     * @throws ConfigException naming the key when the class is not a generated record
     */
    public Optional<Class<? extends SpecificRecord>> specificReaderType(boolean isKey) {
        String key = isKey ? SPECIFIC_AVRO_KEY_TYPE_CONFIG : SPECIFIC_AVRO_VALUE_TYPE_CONFIG;
        Class<?> type = getClass(key);
        if (type == null) {
            return Optional.empty();
        }
        if (!SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(key, type.getName(), "must be a generated Avro record class (a SpecificRecord)");
        }
        return Optional.of(type.asSubclass(SpecificRecord.class));
    }
}
