package io.paperstream.producer;

import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.AvroSerdeConfig;
import io.paperstream.serde.KafkaAvroSerializer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka producer configuration of {@code produce}, merged from five layers, each
 * overriding the ones before it:
 * <ol>
 *   <li>built-in defaults ({@link #defaults()}): idempotent, acks=all, lz4, linger 20 ms,
 *       128 KiB batches, the local stack's broker and registry;</li>
 *   <li>a Kafka-style properties file ({@code --producer-config}): any producer property,
 *       plus the serde's keys ({@link #SERDE_KEYS});</li>
 *   <li>environment variables {@code KAFKA_<NAME>} ({@link #propertyOfEnvironmentVariable});</li>
 *   <li>{@value #ENV_BOOTSTRAP_SERVERS} and {@value #ENV_SCHEMA_REGISTRY_URL};</li>
 *   <li>the command-line options {@code --bootstrap-servers} and {@code --schema-registry-url}.</li>
 * </ol>
 */
public final class ProducerSettings {

    /** The local stack's broker. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    /** The local stack's registry: Apicurio's Confluent-compatible API. */
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081/apis/ccompat/v7";
    /** Overrides {@code bootstrap.servers}. */
    public static final String ENV_BOOTSTRAP_SERVERS = "PAPERSTREAM_BOOTSTRAP_SERVERS";
    /** Overrides {@code schema.registry.url}. */
    public static final String ENV_SCHEMA_REGISTRY_URL = "PAPERSTREAM_SCHEMA_REGISTRY_URL";
    /** Prefix of environment variables that set a producer or serde property. */
    public static final String ENV_KAFKA_PREFIX = "KAFKA_";
    /** The serde's registry URL key, named as Confluent's. */
    public static final String SCHEMA_REGISTRY_URL = SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG;
    /** Keys of the Avro serde (Confluent's names), accepted beside the producer's own. */
    public static final Set<String> SERDE_KEYS = Set.of(SCHEMA_REGISTRY_URL, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
            AvroSerdeConfig.USE_LATEST_VERSION, SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
            SchemaRegistryClientConfig.USER_INFO_CONFIG);
    /** The value serializer: the Confluent-wire-format Avro serializer of the schemas module. */
    static final String VALUE_SERIALIZER = KafkaAvroSerializer.class.getName();

    private ProducerSettings() {
    }

    /** Layer 1: the built-in producer defaults. */
    public static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        defaults.put(SCHEMA_REGISTRY_URL, DEFAULT_SCHEMA_REGISTRY_URL);
        defaults.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        defaults.put(ProducerConfig.ACKS_CONFIG, "all");
        defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "paperstream-produce");
        defaults.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        defaults.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, VALUE_SERIALIZER);
        return defaults;
    }

    /**
     * The merged configuration.
     *
     * @param configFile the {@code --producer-config} file, or null
     * @param environment the environment variables
     * @param bootstrapServers the {@code --bootstrap-servers} option, or null
     * @param schemaRegistryUrl the {@code --schema-registry-url} option, or null
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Object> resolve(Path configFile, Map<String, String> environment,
            String bootstrapServers, String schemaRegistryUrl) throws IOException {
        Map<String, Object> config = defaults();
        if (configFile != null) {
            config.putAll(load(configFile));
        }
        new TreeMap<>(environment).forEach((name, value) ->
                propertyOfEnvironmentVariable(name).ifPresent(key -> config.put(key, value)));
        putIfPresent(config, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.get(ENV_BOOTSTRAP_SERVERS));
        putIfPresent(config, SCHEMA_REGISTRY_URL, environment.get(ENV_SCHEMA_REGISTRY_URL));
        putIfPresent(config, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        putIfPresent(config, SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return config;
    }

    /**
     * The property an environment variable sets: {@code KAFKA_} removed, the rest lower-cased,
     * {@code _} read as {@code .}, {@code __} as {@code -} and {@code ___} as {@code _}
     * ({@code KAFKA_LINGER_MS} is {@code linger.ms}). Only names of producer properties and of
     * {@link #SERDE_KEYS} count, so {@code KAFKA_HEAP_OPTS} and the like are ignored.
     */
    public static Optional<String> propertyOfEnvironmentVariable(String name) {
        return propertyNameOf(name).filter(property ->
                ProducerConfig.configNames().contains(property) || SERDE_KEYS.contains(property));
    }

    /** The property name a {@code KAFKA_} variable spells, known or not; empty for other variables. */
    static Optional<String> propertyNameOf(String variable) {
        if (!variable.startsWith(ENV_KAFKA_PREFIX)) {
            return Optional.empty();
        }
        String rest = variable.substring(ENV_KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT);
        StringBuilder property = new StringBuilder(rest.length());
        int i = 0;
        while (i < rest.length()) {
            if (rest.charAt(i) != '_') {
                property.append(rest.charAt(i++));
                continue;
            }
            int run = 0;
            while (i < rest.length() && rest.charAt(i) == '_') {
                run++;
                i++;
            }
            if (run > 3) {
                return Optional.empty();
            }
            property.append(run == 1 ? '.' : run == 2 ? '-' : '_');
        }
        return Optional.of(property.toString());
    }

    private static Map<String, Object> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, Object> loaded = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> loaded.put(name, properties.getProperty(name)));
        return loaded;
    }

    private static void putIfPresent(Map<String, Object> config, String key, String value) {
        if (value != null && !value.isBlank()) {
            config.put(key, value.strip());
        }
    }
}
