package io.paperstream.settings;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the Kafka brokers and the schema registry are: declared once for every command that
 * connects to them (its settings class re-declares these constants so they are among its settings).
 */
public final class ConnectionSettings {

    /** The local stack's broker. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    /** The local stack's registry: Apicurio's Confluent-compatible API. */
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081/apis/ccompat/v7";

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("bootstrap.servers")
            .defaultValue(DEFAULT_BOOTSTRAP_SERVERS)
            .doc("Kafka brokers to connect to.");
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.text("schema.registry.url")
            .defaultValue(DEFAULT_SCHEMA_REGISTRY_URL)
            .doc("Confluent-compatible schema registry API (mock://scope for an in-memory registry in tests).");

    /**
     * Producer settings for records of papers, which are kilobytes each: 128 KiB batches compressed with lz4, where
     * Kafka's 16 KB default batches hold a handful and the broker works per request. {@code produce} and the
     * Streams application's producers start from them; a user's own values win.
     */
    public static final Map<String, String> PAPER_BATCHES = Map.of("batch.size", "131072", "compression.type", "lz4");

    private ConnectionSettings() {}

    /**
     * Configuration of the Avro serdes of a command with {@code values}: its pass-through keys, among them the
     * registry client's own ({@code basic.auth.*}, {@code schema.registry.ssl.truststore.*}), and the registry URL;
     * the serdes ignore the other keys.
     */
    public static Map<String, Object> serdeConfig(SettingValues values) {
        Map<String, Object> config = new HashMap<>(values.kafkaPassThrough());
        config.put(SCHEMA_REGISTRY_URL.name(), values.get(SCHEMA_REGISTRY_URL));
        return config;
    }
}
