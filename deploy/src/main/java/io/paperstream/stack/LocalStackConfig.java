package io.paperstream.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How the local stack runs: its data directory (Kafka's log segments, the registry's database, the logs and
 * the state file), its ports on 127.0.0.1, the partitions of the pipeline topics, and how long a process may
 * take to become ready.
 *
 * @param dataDirectory where everything the stack writes lives
 * @param kafkaPort the broker's client port ({@code bootstrap.servers})
 * @param controllerPort the broker's KRaft controller port
 * @param registryPort the schema registry's HTTP port
 * @param registryManagementPort the registry's management port, bound to 127.0.0.1 so that it never takes
 *     Quarkus' default 0.0.0.0:9000 (the 2.6 distribution serves health on its HTTP port and opens none)
 * @param partitions partitions of the pipeline topics (the daily digest has 1)
 * @param startTimeout how long the broker and the registry may each take to become ready
 */
public record LocalStackConfig(
        Path dataDirectory,
        int kafkaPort,
        int controllerPort,
        int registryPort,
        int registryManagementPort,
        int partitions,
        Duration startTimeout) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    /** Confluent Schema Registry's default port, so that default client settings find it. */
    public static final int DEFAULT_REGISTRY_PORT = 8081;

    public static final int DEFAULT_REGISTRY_MANAGEMENT_PORT = 9001;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    /** Environment variable naming the data directory. */
    public static final String DATA_DIR_ENV = "PAPERSTREAM_DATA_DIR";
    /** System property naming the repository root (set by {@code ./paperstream}); the data dir goes under it. */
    public static final String HOME_PROPERTY = "paperstream.home";

    public LocalStackConfig {
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        if (Set.of(kafkaPort, controllerPort, registryPort, registryManagementPort)
                        .size()
                != 4) {
            throw new IllegalArgumentException("the four ports of the local stack must differ: kafka " + kafkaPort
                    + ", controller " + controllerPort + ", registry " + registryPort + ", registry management "
                    + registryManagementPort);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be 1 or more, got " + partitions);
        }
    }

    /** The default ports (9092, 9093, 8081, 9001) and 4 partitions. */
    public static LocalStackConfig defaults(Path dataDirectory) {
        return new LocalStackConfig(
                dataDirectory,
                DEFAULT_KAFKA_PORT,
                DEFAULT_CONTROLLER_PORT,
                DEFAULT_REGISTRY_PORT,
                DEFAULT_REGISTRY_MANAGEMENT_PORT,
                StackTopics.DEFAULT_PARTITIONS,
                DEFAULT_START_TIMEOUT);
    }

    /** Ports the operating system reports free now, for tests that run beside anything else. */
    public static LocalStackConfig onFreePorts(Path dataDirectory) {
        int[] ports = LoopbackPorts.freePorts(4);
        return new LocalStackConfig(
                dataDirectory,
                ports[0],
                ports[1],
                ports[2],
                ports[3],
                StackTopics.DEFAULT_PARTITIONS,
                DEFAULT_START_TIMEOUT);
    }

    /**
     * The data directory when none is given: {@code $PAPERSTREAM_DATA_DIR}, else {@code .paperstream} in the
     * repository root ({@code -Dpaperstream.home}), else {@code .paperstream} in the working directory.
     */
    public static Path defaultDataDirectory() {
        String fromEnvironment = System.getenv(DATA_DIR_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(".paperstream");
    }

    public LocalStackConfig withRegistryPort(int port) {
        return new LocalStackConfig(
                dataDirectory, kafkaPort, controllerPort, port, registryManagementPort, partitions, startTimeout);
    }

    public LocalStackConfig withStartTimeout(Duration timeout) {
        return new LocalStackConfig(
                dataDirectory, kafkaPort, controllerPort, registryPort, registryManagementPort, partitions, timeout);
    }

    /** Where the Kafka node keeps its files ({@code node-1/} inside). */
    public Path kafkaDirectory() {
        return dataDirectory.resolve("kafka");
    }

    /** Where the registry keeps its database and log. */
    public Path registryDirectory() {
        return dataDirectory.resolve("registry");
    }
}
