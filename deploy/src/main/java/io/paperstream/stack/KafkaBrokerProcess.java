package io.paperstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * One real Kafka node in KRaft mode (broker and controller in one JVM) run as a child process from the Maven
 * Central jars, exactly as the shipped scripts do: {@code kafka.tools.StorageTool format} once, then
 * {@code kafka.Kafka server.properties}. Obtained from a {@link KafkaCluster}; its files live in its node
 * directory: {@code server.properties}, the log segments in {@code data/} and the process output in
 * {@code broker.log}.
 */
public final class KafkaBrokerProcess extends StackProcess {

    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms256m",
            "-Xmx1g",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
    // a short-lived tool: C1 and the serial collector start fastest
    private static final List<String> FORMAT_JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final KafkaNodeAddress address;
    private final List<KafkaNodeAddress> cluster;
    private final Path nodeDirectory;
    private final Distribution distribution;
    private final Optional<KafkaSecurity> security;

    KafkaBrokerProcess(
            KafkaNodeAddress address,
            List<KafkaNodeAddress> cluster,
            Path nodeDirectory,
            Distribution distribution,
            Optional<KafkaSecurity> security) {
        this.address = address;
        this.cluster = List.copyOf(cluster);
        this.nodeDirectory = nodeDirectory.toAbsolutePath();
        this.distribution = distribution;
        this.security = security;
    }

    public int nodeId() {
        return address.nodeId();
    }

    public KafkaNodeAddress address() {
        return address;
    }

    /** {@code 127.0.0.1:port} of this node alone. */
    public String bootstrapServers() {
        return address.bootstrapServer();
    }

    public Path nodeDirectory() {
        return nodeDirectory;
    }

    /** Where the node keeps its log segments and {@code meta.properties}. */
    public Path dataDirectory() {
        return nodeDirectory.resolve("data");
    }

    public Path serverPropertiesFile() {
        return nodeDirectory.resolve("server.properties");
    }

    /** The output of the node's JVM (and of its storage formatting), appended across starts. */
    public Path logFile() {
        return nodeDirectory.resolve("broker.log");
    }

    /** True when the storage is formatted: {@code meta.properties} exists in the data directory. */
    public boolean isFormatted() {
        return Files.exists(dataDirectory().resolve("meta.properties"));
    }

    /** The cluster id written by formatting, if formatted. */
    public Optional<String> formattedClusterId() {
        if (!isFormatted()) {
            return Optional.empty();
        }
        Properties meta = new Properties();
        try (var in = Files.newBufferedReader(dataDirectory().resolve("meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(meta.getProperty("cluster.id"));
    }

    /** Formats the storage with {@code clusterId}, unless it is formatted already. */
    public void formatIfNeeded(String clusterId) {
        if (isFormatted()) {
            return;
        }
        writeServerProperties();
        List<String> arguments = new ArrayList<>(List.of(
                "-cp",
                distribution.kafkaClasspathArgument(),
                "kafka.tools.StorageTool",
                "format",
                "-t",
                clusterId,
                "-c",
                serverPropertiesFile().toString()));
        if (KafkaServerProperties.formatsStandalone(cluster)) {
            arguments.add("--standalone");
        }
        security.ifPresent(secured -> arguments.addAll(secured.formatArguments()));
        int exitCode = ChildJvm.runToCompletion(
                role() + "-format", FORMAT_JVM_OPTIONS, arguments, nodeDirectory, logFile(), FORMAT_TIMEOUT);
        if (exitCode != 0) {
            throw new StackException("formatting the storage of Kafka node " + nodeId() + " failed with exit code "
                    + exitCode + "; " + ChildJvm.logTailMessage(logFile()));
        }
    }

    /** Starts the node's JVM without waiting for it; the storage must be formatted. */
    public void launch() {
        requireNotRunning();
        if (!isFormatted()) {
            throw new IllegalStateException("Kafka node " + nodeId() + " is not formatted: " + dataDirectory());
        }
        writeServerProperties();
        List<String> arguments = List.of(
                "-cp",
                distribution.kafkaClasspathArgument(),
                "kafka.Kafka",
                serverPropertiesFile().toString());
        launched(ChildJvm.launch(role(), JVM_OPTIONS, arguments, nodeDirectory, logFile()));
    }

    /**
     * Waits until the node answers as a registered broker: {@code describeCluster()} through this node lists
     * its id. Fails with the tail of its log when it exits or {@code timeout} passes first.
     */
    public void awaitReady(Duration timeout) {
        requireLaunched();
        try (RegistrationProbe probe = new RegistrationProbe()) {
            awaitUntil("to register as a broker", probe::registered, timeout, POLL_INTERVAL);
        }
    }

    /** {@link #launch()}, then {@link #awaitReady(Duration)}. */
    public void start(Duration timeout) {
        launch();
        awaitReady(timeout);
    }

    @Override
    public String toString() {
        return "Kafka node " + nodeId() + " on " + bootstrapServers();
    }

    /** The {@code -Dpaperstream.role} tag of this node's JVM, which {@link LocalStack#stop} matches. */
    String role() {
        return role(nodeId());
    }

    /** The {@code -Dpaperstream.role} tag of node {@code nodeId}'s JVM. */
    static String role(int nodeId) {
        return "kafka-node-" + nodeId;
    }

    @Override
    String displayName() {
        return "Kafka node " + nodeId();
    }

    @Override
    String endpoint() {
        return bootstrapServers();
    }

    static Map<String, Object> adminConfig(String bootstrapServers) {
        return adminConfig(bootstrapServers, Optional.empty());
    }

    /** The stack's own Admin client settings: as the super user on a secured broker. */
    static Map<String, Object> adminConfig(String bootstrapServers, Optional<KafkaSecurity> security) {
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "paperstream-stack",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000));
        security.ifPresent(secured -> config.putAll(secured.adminClientConfig()));
        return config;
    }

    /**
     * Asks the node whether it is a registered broker. Its Admin client is created only once the port accepts
     * connections: an Admin client on a closed port fills the log with connection warnings.
     */
    private final class RegistrationProbe implements AutoCloseable {

        private Admin admin;

        boolean registered() {
            if (admin == null) {
                if (!LoopbackPorts.accepts(address.brokerPort(), 200)) {
                    return false;
                }
                admin = Admin.create(adminConfig(bootstrapServers(), security));
            }
            return describesItself(admin);
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close();
            }
        }
    }

    private boolean describesItself(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .anyMatch(id -> id == nodeId());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Kafka node " + nodeId(), e);
        }
    }

    private void writeServerProperties() {
        Map<String, String> properties = new TreeMap<>(KafkaServerProperties.of(address, cluster, dataDirectory()));
        security.ifPresent(secured -> properties.putAll(secured.brokerProperties(address)));
        try {
            Files.createDirectories(dataDirectory());
            try (Writer out = Files.newBufferedWriter(serverPropertiesFile(), StandardCharsets.UTF_8)) {
                out.write("# written by paperstream on every start of node " + nodeId() + System.lineSeparator());
                for (Map.Entry<String, String> entry : properties.entrySet()) {
                    out.write(entry.getKey() + "=" + entry.getValue() + System.lineSeparator());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
