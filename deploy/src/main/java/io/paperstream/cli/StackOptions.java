package io.paperstream.cli;

import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.StackTopics;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a local stack that a command may start ({@code stack start}, {@code demo}): ports and topics. */
public final class StackOptions {

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_KAFKA_PORT,
            description = "The broker's client port (default: ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(
            names = "--controller-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_CONTROLLER_PORT,
            description = "The broker's KRaft controller port (default: ${DEFAULT-VALUE}).")
    private int controllerPort;

    @Option(
            names = "--registry-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_REGISTRY_PORT,
            description = "The schema registry's HTTP port (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(
            names = "--registry-management-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_REGISTRY_MANAGEMENT_PORT,
            description = "The schema registry's management port, kept off 0.0.0.0 (default: ${DEFAULT-VALUE}).")
    private int registryManagementPort;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "" + StackTopics.DEFAULT_PARTITIONS,
            description = "Partitions of the pipeline topics the stack creates (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(
            names = "--start-timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "How long the broker and the registry may each take to answer (default: ${DEFAULT-VALUE}).")
    private int startTimeoutSeconds;

    /** The stack's configuration with its data in {@code dataDirectory}. */
    public LocalStackConfig config(Path dataDirectory) {
        return new LocalStackConfig(
                dataDirectory,
                kafkaPort,
                controllerPort,
                registryPort,
                registryManagementPort,
                partitions,
                Duration.ofSeconds(startTimeoutSeconds));
    }
}
