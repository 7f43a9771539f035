package io.paperstream.producer;

import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.settings.ConnectionSettings;
import io.paperstream.settings.Setting;
import io.paperstream.settings.SettingValues;
import io.paperstream.settings.SettingsDeclaration;
import io.paperstream.settings.SettingsException;
import io.paperstream.settings.SettingsLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka producer configuration of {@code produce}, loaded as every command loads its settings
 * ({@link SettingsLoader}), each layer overriding the ones before it:
 * <ol>
 *   <li>built-in defaults: idempotent, acks=all, lz4, linger 20 ms, 128 KiB batches, the client id,
 *       the local stack's broker and registry;</li>
 *   <li>a Kafka-style properties file ({@code --producer-config}): any producer property,
 *       plus the serde's keys ({@link #SERDE_KEYS});</li>
 *   <li>environment variables {@code KAFKA_<NAME>} of producer and serde properties;</li>
 *   <li>{@code PAPERSTREAM_BOOTSTRAP_SERVERS} and {@code PAPERSTREAM_SCHEMA_REGISTRY_URL};</li>
 *   <li>the command-line options {@code --bootstrap-servers} and {@code --schema-registry-url}.</li>
 * </ol>
 */
public final class ProducerSettings {

    public static final Setting<String> BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final Setting<String> SCHEMA_REGISTRY_URL = ConnectionSettings.SCHEMA_REGISTRY_URL;

    /** Keys of the Avro serde (Confluent's names), accepted beside the producer's own. */
    public static final Set<String> SERDE_KEYS = Set.of(
            SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
            AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            AvroSerdeConfig.USE_LATEST_VERSION,
            SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
            SchemaRegistryClientConfig.USER_INFO_CONFIG);

    /** Every setting above (collected after the last of them). */
    public static final SettingsDeclaration DECLARED = SettingsDeclaration.of(ProducerSettings.class);

    static final SettingsLoader LOADER = new SettingsLoader(DECLARED, kafkaProperties(), kafkaDefaults());

    private final SettingValues values;

    private ProducerSettings(SettingValues values) {
        this.values = values;
    }

    /** Defaults plus the given values (as if given on the command line), without file or environment. */
    public static ProducerSettings of(Map<String, String> values) {
        return load(null, Map.of(), values);
    }

    /**
     * Loads the settings.
     *
     * @param configFile the {@code --producer-config} file, or {@code null}
     * @param environment the environment variables
     * @param overrides values that win over everything else ({@code --bootstrap-servers}, {@code --schema-registry-url})
     * @throws SettingsException when a value is invalid or a {@code paperstream.} key is unknown
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static ProducerSettings load(
            Path configFile, Map<String, String> environment, Map<String, String> overrides) {
        return new ProducerSettings(LOADER.load(configFile, environment, overrides));
    }

    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** The configuration to create the producer with: every producer and serde property. */
    public Map<String, Object> kafkaProducerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(values.kafkaPassThrough());
        for (Setting<?> setting : DECLARED.all()) {
            config.put(setting.name(), get(setting));
        }
        return config;
    }

    private static Set<String> kafkaProperties() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(SERDE_KEYS);
        return names;
    }

    /** What produce sets for Kafka properties it does not declare; the file, the environment and the command line override them. */
    private static Map<String, String> kafkaDefaults() {
        return Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, "131072",
                ProducerConfig.CLIENT_ID_CONFIG, "paperstream-produce",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class.getName());
    }
}
