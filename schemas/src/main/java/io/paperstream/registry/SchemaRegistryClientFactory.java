package io.paperstream.registry;

import java.util.Map;

/** Creates the client a configuration asks for: the shared in-memory one for mock:// URLs, else HTTP with caches. */
public final class SchemaRegistryClientFactory {

    private SchemaRegistryClientFactory() {}

    /**
     * A client for the keys of {@link SchemaRegistryClientConfig}: {@code mock://<scope>} gives that
     * scope's {@link InMemorySchemaRegistryClient}; http(s) URLs give a
     * {@link CachedSchemaRegistryClient} over an {@link HttpSchemaRegistryClient}.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the key that is missing or wrong
     */
    public static SchemaRegistryClient newClient(Map<String, ?> configs) {
        SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(configs);
        return config.mockScope()
                .<SchemaRegistryClient>map(MockSchemaRegistry::getClientForScope)
                .orElseGet(() -> new CachedSchemaRegistryClient(
                        new HttpSchemaRegistryClient(config), config.latestCacheTtlSeconds()));
    }
}
