package io.paperstream.it;

import java.util.ArrayList;
import java.util.List;
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

    /** The arguments of {@code produce} that send the trending-page {@code file} of {@code year} here, to {@code topic}. */
    public List<String> produceArguments(String topic, int year, String file) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-servers",
                bootstrapServers,
                "--schema-registry-url",
                registryUrl,
                "--topic",
                topic,
                "--year",
                Integer.toString(year)));
        arguments.add(file);
        return arguments;
    }
}
