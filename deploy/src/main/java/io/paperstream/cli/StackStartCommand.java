package io.paperstream.cli;

import io.paperstream.deploy.LocalStack;
import io.paperstream.deploy.LocalStackConfig;
import io.paperstream.deploy.StackTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paperstream stack start}: starts the broker and the registry and creates the topics. */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker (KRaft) and an Apicurio schema registry on 127.0.0.1 in the background, "
                    + "creates the paperstream topics that are missing, and returns when both answer.",
            "Data persists in the data directory between starts; logs are written there too."
        })
public final class StackStartCommand implements Callable<Integer> {

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + LocalStackConfig.DEFAULT_KAFKA_PORT,
            description = "The broker's client port (default: ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_CONTROLLER_PORT,
            description = "The broker's KRaft controller port (default: ${DEFAULT-VALUE}).")
    private int controllerPort;

    @Option(names = "--registry-port", paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_REGISTRY_PORT,
            description = "The schema registry's HTTP port (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(names = "--registry-management-port", paramLabel = "PORT",
            defaultValue = "" + LocalStackConfig.DEFAULT_REGISTRY_MANAGEMENT_PORT,
            description = "The schema registry's management port, kept off 0.0.0.0 (default: ${DEFAULT-VALUE}).")
    private int registryManagementPort;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + StackTopics.DEFAULT_PARTITIONS,
            description = "Partitions of the topics created now (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long the broker and the registry may each take to answer (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        LocalStackConfig config = new LocalStackConfig(dataDirectory.resolve(), kafkaPort, controllerPort,
                registryPort, registryManagementPort, partitions, Duration.ofSeconds(timeoutSeconds));
        long startedNanos = System.nanoTime();
        LocalStack stack = LocalStack.start(config);
        stack.keepRunningAfterExit();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "paperstream local stack is up (%.1f s)%n", (System.nanoTime() - startedNanos) / 1e9);
        out.printf("  Kafka broker      %s  pid %d  log %s%n", stack.bootstrapServers(),
                stack.kafka().node(1).pid().orElse(-1), stack.kafka().node(1).logFile());
        out.printf("  schema registry   %s  pid %d  log %s%n", stack.schemaRegistryUrl(),
                stack.registry().pid().orElse(-1), stack.registry().logFile());
        out.printf("  data directory    %s%n", config.dataDirectory());
        out.printf("  topics created    %s%n", stack.createdTopics().isEmpty() ? "none (all existed)"
                : String.join(", ", stack.createdTopics()));
        out.println("Stop it with: ./paperstream stack stop");
        out.flush();
        return 0;
    }
}
