package io.paperstream.it;

import io.paperstream.stack.Distribution;
import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.stack.SchemaRegistryProcess;
import io.paperstream.stack.StackTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The broker and registry one test run shares, with the pipeline topics created: the {@link LocalStack} of
 * the deploy module (the default), or, with {@code -Dpaperstream.it.broker=testcontainers}, Testcontainers'
 * {@link KafkaContainer} as the broker (the build's paperstream/kafka image, see {@link ContainerImages}) and the
 * build's Apicurio registry image in a container (where the build made no images: apache/kafka beside the
 * registry as a child process).
 */
final class SharedStack implements AutoCloseable {

    /** Chooses the broker: {@code local} (default) or {@code testcontainers}. */
    static final String BROKER_PROPERTY = "paperstream.it.broker";
    /**
     * The Kafka image for the testcontainers broker; default: the build's paperstream/kafka image when it made one
     * ({@link ContainerImages}), else apache/kafka of the version the build uses.
     */
    static final String IMAGE_PROPERTY = "paperstream.it.kafka.image";

    /** The port of the registry image's HTTP API. */
    private static final int REGISTRY_PORT = 8080;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);

    /** Where the broker comes from. */
    enum Broker {
        /** A child JVM running the broker from the Maven Central jars: no Docker needed. */
        LOCAL,
        /** The apache/kafka image through Testcontainers: needs a Docker engine. */
        TESTCONTAINERS;

        /** The broker {@value SharedStack#BROKER_PROPERTY} asks for; fails naming the property on an unknown value. */
        static Broker configured() {
            String value = System.getProperty(BROKER_PROPERTY, "local").strip();
            return Arrays.stream(values())
                    .filter(broker -> broker.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)))
                    .findFirst()
                    .orElseThrow(() -> new ExtensionConfigurationException("-D" + BROKER_PROPERTY + "=" + value
                            + " is not a broker the tests know; use "
                            + Arrays.stream(values())
                                    .map(broker -> broker.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(" or "))));
        }
    }

    private final StackEndpoints endpoints;
    private final LocalStack localStack;
    private final Runnable stop;

    private SharedStack(StackEndpoints endpoints, LocalStack localStack, Runnable stop) {
        this.endpoints = endpoints;
        this.localStack = localStack;
        this.stop = stop;
    }

    /** Starts the broker {@link Broker#configured()} names and the registry, data under {@code directory}. */
    static SharedStack start(Path directory) {
        // the clients' native compression libraries unpack themselves into java.io.tmpdir
        ItDirectories.temporary();
        Broker broker = Broker.configured();
        return broker == Broker.LOCAL ? startLocal(directory) : startOnTestcontainers(directory);
    }

    private static SharedStack startLocal(Path directory) {
        LocalStack stack =
                LocalStack.start(LocalStackConfig.onFreePorts(directory).withStartTimeout(START_TIMEOUT));
        return new SharedStack(
                new StackEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl()), stack, stack::stop);
    }

    private static SharedStack startOnTestcontainers(Path directory) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new ExtensionConfigurationException("-D" + BROKER_PROPERTY + "=testcontainers needs a Docker "
                    + "engine and none answers (DOCKER_HOST, /var/run/docker.sock); leave the property out to use "
                    + "the broker from the Maven Central jars");
        }
        DockerImageName image = kafkaImage();
        KafkaContainer kafka = new KafkaContainer(image)
                .withCreateContainerCmdModifier(ContainerImages::publishOnLoopback)
                .withStartupTimeout(START_TIMEOUT);
        Optional<DockerImageName> registryImage = ContainerImages.built(
                "registry.tar", "paperstream/apicurio-registry:" + Distribution.registryVersion());
        return registryImage.isPresent()
                ? startInContainers(kafka, registryImage.get())
                : startWithRegistryProcess(kafka, directory);
    }

    /** The broker and the registry in containers, started side by side. */
    private static SharedStack startInContainers(KafkaContainer kafka, DockerImageName registryImage) {
        GenericContainer<?> registry = new GenericContainer<>(registryImage)
                .withExposedPorts(REGISTRY_PORT)
                .withCreateContainerCmdModifier(ContainerImages::publishOnLoopback)
                .waitingFor(Wait.forHttp(SchemaRegistryProcess.CONFLUENT_API_PATH + "/subjects")
                        .forStatusCode(200))
                .withStartupTimeout(START_TIMEOUT);
        Runnable stop = () -> {
            kafka.stop();
            registry.stop();
        };
        startOrStop(
                () -> {
                    Startables.deepStart(kafka, registry).join();
                    createPipelineTopics(kafka.getBootstrapServers());
                },
                stop);
        String registryUrl = "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT)
                + SchemaRegistryProcess.CONFLUENT_API_PATH;
        startOrStop(
                () -> SchemaRegistryProcess.setGlobalCompatibility(
                        registryUrl, SchemaRegistryProcess.GLOBAL_COMPATIBILITY),
                stop);
        LOG.info(
                "test stack ready: Kafka {} in a container on {}, schema registry {} in a container on {}",
                kafka.getDockerImageName(),
                kafka.getBootstrapServers(),
                registryImage,
                registryUrl);
        return new SharedStack(new StackEndpoints(kafka.getBootstrapServers(), registryUrl), null, stop);
    }

    /** The broker in a container, the registry a child process (where the build made no registry image). */
    private static SharedStack startWithRegistryProcess(KafkaContainer kafka, Path directory) {
        int[] ports = LoopbackPorts.freePorts(2);
        SchemaRegistryProcess registry = new SchemaRegistryProcess(ports[0], ports[1], directory.resolve("registry"));
        Runnable stop = () -> {
            kafka.stop();
            registry.stop(STOP_GRACE);
        };
        startOrStop(
                () -> {
                    registry.launch();
                    kafka.start();
                    createPipelineTopics(kafka.getBootstrapServers());
                    registry.awaitReady(START_TIMEOUT);
                },
                stop);
        LOG.info(
                "test stack ready: Kafka {} in a container on {}, schema registry on {}",
                kafka.getDockerImageName(),
                kafka.getBootstrapServers(),
                registry.confluentApiUrl());
        return new SharedStack(new StackEndpoints(kafka.getBootstrapServers(), registry.confluentApiUrl()), null, stop);
    }

    /** Runs {@code start}; when it fails, runs {@code stop} and rethrows. */
    private static void startOrStop(Runnable start, Runnable stop) {
        try {
            start.run();
        } catch (RuntimeException | Error e) {
            // Ryuk is off (podman): what is not stopped here outlives the test run
            stop.run();
            throw e;
        }
    }

    private static DockerImageName kafkaImage() {
        String configured = System.getProperty(IMAGE_PROPERTY, "");
        DockerImageName apache = DockerImageName.parse("apache/kafka");
        if (!configured.isBlank()) {
            return DockerImageName.parse(configured).asCompatibleSubstituteFor(apache);
        }
        return ContainerImages.built("kafka.tar", "paperstream/kafka:" + Distribution.kafkaVersion())
                .map(image -> image.asCompatibleSubstituteFor(apache))
                .orElse(apache.withTag(Distribution.kafkaVersion()));
    }

    /** The topics {@link LocalStack} creates, so that tests see the same broker whichever runs it. */
    private static void createPipelineTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            StackTopics.createMissing(admin, StackTopics.DEFAULT_PARTITIONS, (short) 1);
        }
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    /** The local stack; empty when the broker runs in a container. */
    Optional<LocalStack> localStack() {
        return Optional.ofNullable(localStack);
    }

    @Override
    public void close() {
        stop.run();
    }
}
