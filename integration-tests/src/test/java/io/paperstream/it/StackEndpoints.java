package io.paperstream.it;

import java.util.Objects;

/**
 * Where the shared test stack listens.
 *
 * @param bootstrapServers the broker's {@code bootstrap.servers}
 * @param registryUrl the registry's Confluent-compatible API, the {@code schema.registry.url} of clients
 */
public record StackEndpoints(String bootstrapServers, String registryUrl) {

    public StackEndpoints {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
    }
}
