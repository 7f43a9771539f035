package io.paperstream.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

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

    /** A producer configuration for this stack that loses nothing: acks from all replicas, idempotent; add to it. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
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
