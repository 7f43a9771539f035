package io.paperstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local stack: a real single-node Kafka broker in KRaft mode and a real schema registry
 * with the Confluent API, both child JVMs bound to 127.0.0.1, with the pipeline topics created and the data
 * kept in a data directory between starts.
 *
 * <p>In a test: {@code try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir))) {...}};
 * its processes stop when it is closed or this JVM exits. The {@code stack start} command instead calls
 * {@link #keepRunningAfterExit()} and later {@link #stopRunning(Path, Duration)} finds the processes through
 * the state file.
 */
public final class LocalStack implements AutoCloseable {

    /** How long each process may take for a graceful shutdown before it is killed. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final LocalStackConfig config;
    private final KafkaCluster kafka;
    private final SchemaRegistryProcess registry;
    private final Set<String> createdTopics;
    private final Instant startedAt;

    private LocalStack(
            LocalStackConfig config, KafkaCluster kafka, SchemaRegistryProcess registry, Set<String> createdTopics) {
        this.config = config;
        this.kafka = kafka;
        this.registry = registry;
        this.createdTopics = Set.copyOf(createdTopics);
        this.startedAt = Instant.now();
    }

    /**
     * Starts the broker and the registry, creates the missing pipeline topics and writes the state file.
     * Fails with one sentence, before starting anything, when the stack already runs from this data directory
     * or one of its ports is taken.
     */
    public static LocalStack start(LocalStackConfig config) {
        return start(config, false);
    }

    /**
     * Starts the stack with the secured broker ({@link KafkaSecurity}: SASL_SSL, SCRAM-SHA-512, ACLs enforced) and
     * the principals {@value SecuredStackClients#STREAMS_USER} and {@value SecuredStackClients#PRODUCER_USER}
     * holding the README's ACLs, their client settings written to {@code security/} of the data directory.
     */
    public static LocalStack startSecured(LocalStackConfig config) {
        return start(config, true);
    }

    private static LocalStack start(LocalStackConfig config, boolean secured) {
        long startedNanos = System.nanoTime();
        Path dataDirectory = config.dataDirectory();
        requireNotRunning(dataDirectory);
        LoopbackPorts.requireFree(config.kafkaPort(), "--kafka-port");
        LoopbackPorts.requireFree(config.controllerPort(), "--controller-port");
        LoopbackPorts.requireFree(config.registryPort(), "--registry-port");
        LoopbackPorts.requireFree(config.registryManagementPort(), "--registry-management-port");
        createDirectory(dataDirectory);

        Distribution distribution = Distribution.locate();
        Optional<KafkaSecurity> security =
                secured ? Optional.of(KafkaSecurity.inDirectory(securityDirectory(dataDirectory))) : Optional.empty();
        KafkaCluster kafka = KafkaCluster.of(
                        config.kafkaDirectory(),
                        List.of(new KafkaNodeAddress(1, config.kafkaPort(), config.controllerPort())),
                        distribution,
                        security)
                .withStartTimeout(config.startTimeout());
        SchemaRegistryProcess registry = new SchemaRegistryProcess(
                config.registryPort(), config.registryManagementPort(), config.registryDirectory(), distribution);
        try {
            // the registry keeps its schemas in its own database, not in Kafka: both JVMs start side by side
            registry.launch();
            kafka.start();
            Set<String> created = createTopics(kafka.adminConfig(), config.partitions());
            registry.awaitReady(config.startTimeout());
            security.ifPresent(secure -> SecuredStackClients.provision(
                    kafka, secure, registry.confluentApiUrl(), securityDirectory(dataDirectory)));
            LOG.info(
                    "local stack ready in {}: Kafka on {}, schema registry on {}",
                    KafkaCluster.secondsSince(startedNanos),
                    kafka.bootstrapServers(),
                    registry.confluentApiUrl());
            LocalStack stack = new LocalStack(config, kafka, registry, created);
            stack.state().write(dataDirectory);
            return stack;
        } catch (RuntimeException e) {
            AtOnce.forEach(
                    List.<Runnable>of(
                            () -> registry.stop(Duration.ofSeconds(5)), () -> kafka.stop(Duration.ofSeconds(5))),
                    Runnable::run);
            throw e;
        }
    }

    /** {@code bootstrap.servers} of the broker. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The Confluent API of the registry: the {@code schema.registry.url} clients use. */
    public String schemaRegistryUrl() {
        return registry.confluentApiUrl();
    }

    public LocalStackConfig config() {
        return config;
    }

    /** The broker, a one-node {@link KafkaCluster}. */
    public KafkaCluster kafka() {
        return kafka;
    }

    public SchemaRegistryProcess registry() {
        return registry;
    }

    /** The pipeline topics this start created (empty when they all existed). */
    public Set<String> createdTopics() {
        return createdTopics;
    }

    /** What runs where, as written to the state file. */
    public StackState state() {
        return new StackState(
                kafka.node(1).pid().orElse(-1),
                config.kafkaPort(),
                config.controllerPort(),
                registry.pid().orElse(-1),
                config.registryPort(),
                config.registryManagementPort(),
                startedAt,
                kafka.security().isPresent());
    }

    /** Leaves both processes running when this JVM exits; {@link #stopRunning} stops them later. */
    public void keepRunningAfterExit() {
        kafka.release();
        registry.child().release();
    }

    /** Stops both processes gracefully (killing what does not stop in time) and removes the state file. */
    public void stop() {
        AtOnce.forEach(
                List.<Runnable>of(() -> registry.stop(DEFAULT_STOP_GRACE), () -> kafka.stop(DEFAULT_STOP_GRACE)),
                Runnable::run);
        StackState.delete(config.dataDirectory());
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops the stack that the state file of {@code dataDirectory} names (started by another JVM): SIGTERM to
     * both processes, SIGKILL to what still runs after {@code grace}; then removes the state file.
     *
     * @return what was stopped; empty when nothing ran
     */
    public static List<StoppedProcess> stopRunning(Path dataDirectory, Duration grace) {
        Optional<StackState> state = StackState.read(dataDirectory);
        if (state.isEmpty()) {
            return List.of();
        }
        List<StoppedProcess> stopped = Collections.synchronizedList(new ArrayList<>());
        StackState running = state.get();
        AtOnce.forEach(
                List.<Runnable>of(
                        () -> ChildJvm.stopByPid(running.registryPid(), SchemaRegistryProcess.role(), grace)
                                .ifPresent(graceful -> stopped.add(
                                        new StoppedProcess("schema registry", running.registryPid(), graceful))),
                        () -> ChildJvm.stopByPid(running.kafkaPid(), KafkaBrokerProcess.role(1), grace)
                                .ifPresent(graceful ->
                                        stopped.add(new StoppedProcess("Kafka broker", running.kafkaPid(), graceful)))),
                Runnable::run);
        StackState.delete(dataDirectory);
        return List.copyOf(stopped);
    }

    /** Whether the stack of {@code dataDirectory} runs and answers. */
    public static StackStatus status(Path dataDirectory) {
        Optional<StackState> state = StackState.read(dataDirectory);
        if (state.isEmpty()) {
            return new StackStatus(dataDirectory, Optional.empty(), false, false, false, false);
        }
        StackState running = state.get();
        boolean kafkaRunning = kafkaRunning(running);
        boolean registryRunning = registryRunning(running);
        return new StackStatus(
                dataDirectory,
                state,
                kafkaRunning,
                kafkaRunning && brokerAnswers(running, dataDirectory),
                registryRunning,
                registryRunning && SchemaRegistryProcess.answers(running.registryUrl()));
    }

    /** A process {@link #stopRunning} stopped, and whether it stopped within the grace period. */
    public record StoppedProcess(String name, long pid, boolean graceful) {}

    private static void requireNotRunning(Path dataDirectory) {
        Optional<StackState> previous = StackState.read(dataDirectory);
        if (previous.isPresent() && (kafkaRunning(previous.get()) || registryRunning(previous.get()))) {
            StackState state = previous.get();
            throw new StackException("the local stack already runs from " + dataDirectory + " (Kafka on "
                    + state.bootstrapServers() + ", registry on " + state.registryUrl()
                    + "); stop it first with `paperstream stack stop`");
        }
    }

    private static boolean kafkaRunning(StackState state) {
        return ChildJvm.runningByPid(state.kafkaPid(), KafkaBrokerProcess.role(1))
                .isPresent();
    }

    private static boolean registryRunning(StackState state) {
        return ChildJvm.runningByPid(state.registryPid(), SchemaRegistryProcess.role())
                .isPresent();
    }

    private static boolean brokerAnswers(StackState state, Path dataDirectory) {
        if (!LoopbackPorts.accepts(state.kafkaPort(), 1000)) {
            return false;
        }
        Optional<KafkaSecurity> security =
                state.secured() ? KafkaSecurity.existing(securityDirectory(dataDirectory)) : Optional.empty();
        try (Admin admin = Admin.create(KafkaBrokerProcess.adminConfig(state.bootstrapServers(), security))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where a secured stack keeps its certificates, passwords and client settings. */
    public static Path securityDirectory(Path dataDirectory) {
        return dataDirectory.resolve("security");
    }

    private static Set<String> createTopics(Map<String, Object> adminConfig, int partitions) {
        try (Admin admin = Admin.create(adminConfig)) {
            return StackTopics.createMissing(admin, partitions, (short) 1);
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
