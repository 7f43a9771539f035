package io.paperstream.stack;

import io.paperstream.waits.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster of one or more combined broker+controller nodes on 127.0.0.1, each node a child JVM
 * ({@link KafkaBrokerProcess}), all sharing one cluster id kept in {@code cluster.id} of the cluster
 * directory; node {@code n} lives in {@code node-n/}. One node is the local stack's broker; three nodes
 * (static voters) serve the replication and fault tests, which stop, kill and restart single nodes.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.onFreePorts(dir, 3).start()) {
 *     produce(cluster.bootstrapServers());
 *     cluster.stopNode(2);
 *     cluster.startNode(2);
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {

    /** How long a node may take to become ready unless told otherwise. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** How long a node may take for a controlled shutdown before it is killed. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

    private final Path directory;
    private final List<KafkaBrokerProcess> nodes;
    private final Optional<KafkaSecurity> security;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private KafkaCluster(
            Path directory,
            List<KafkaNodeAddress> addresses,
            Distribution distribution,
            Optional<KafkaSecurity> security) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        Set<Integer> ids = addresses.stream().map(KafkaNodeAddress::nodeId).collect(Collectors.toSet());
        if (ids.size() != addresses.size()) {
            throw new IllegalArgumentException("node ids must be distinct: " + addresses);
        }
        this.directory = directory.toAbsolutePath();
        this.security = security;
        this.nodes = addresses.stream()
                .map(address -> new KafkaBrokerProcess(
                        address, addresses, this.directory.resolve("node-" + address.nodeId()), distribution, security))
                .toList();
    }

    /** A cluster of the given nodes, its files under {@code directory}. */
    public static KafkaCluster of(Path directory, List<KafkaNodeAddress> nodes) {
        return of(directory, nodes, Distribution.locate());
    }

    static KafkaCluster of(Path directory, List<KafkaNodeAddress> nodes, Distribution distribution) {
        return of(directory, nodes, distribution, Optional.empty());
    }

    static KafkaCluster of(
            Path directory, List<KafkaNodeAddress> nodes, Distribution distribution, Optional<KafkaSecurity> security) {
        return new KafkaCluster(directory, nodes, distribution, security);
    }

    /**
     * One secured node ({@link KafkaSecurity}: SASL_SSL with SCRAM-SHA-512, ACLs enforced) on ports that are free
     * now, its files, certificates included, under {@code directory}.
     */
    public static KafkaCluster securedOnFreePorts(Path directory) {
        int[] ports = LoopbackPorts.freePorts(2);
        return of(
                directory,
                List.of(new KafkaNodeAddress(1, ports[0], ports[1])),
                Distribution.locate(),
                Optional.of(KafkaSecurity.inDirectory(directory.resolve("security"))));
    }

    /** The broker's security; empty when it is a plain (PLAINTEXT, no ACLs) one. */
    public Optional<KafkaSecurity> security() {
        return security;
    }

    /** Admin client settings for this cluster: the bootstrap servers and, when secured, the super user's. */
    public Map<String, Object> adminConfig() {
        return KafkaBrokerProcess.adminConfig(bootstrapServers(), security);
    }

    /** {@code size} nodes with ids 1..size on ports that are free now. */
    public static KafkaCluster onFreePorts(Path directory, int size) {
        int[] ports = LoopbackPorts.freePorts(2 * size);
        return of(
                directory,
                IntStream.rangeClosed(1, size)
                        .mapToObj(id -> new KafkaNodeAddress(id, ports[2 * id - 2], ports[2 * id - 1]))
                        .toList());
    }

    /** Changes how long {@link #start()} and {@link #startNode(int)} wait for a node. */
    public KafkaCluster withStartTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /**
     * Formats every node not formatted yet, starts all nodes at once (a multi-node quorum needs a majority of
     * controllers up before any broker can register) and waits until every node is a registered broker.
     */
    public KafkaCluster start() {
        long startedNanos = System.nanoTime();
        String clusterId = clusterId();
        AtOnce.forEach(nodes, node -> node.formatIfNeeded(clusterId));
        try {
            nodes.forEach(KafkaBrokerProcess::launch);
            AtOnce.forEach(nodes, node -> node.awaitReady(startTimeout));
            awaitBrokers(nodes.size(), startTimeout);
        } catch (RuntimeException e) {
            stop(Duration.ofSeconds(5));
            throw e;
        }
        LOG.info(
                "Kafka cluster of {} node(s) ready on {} in {}",
                nodes.size(),
                bootstrapServers(),
                secondsSince(startedNanos));
        return this;
    }

    /** The id all nodes are formatted with: from {@code cluster.id}, else new and written there. */
    public String clusterId() {
        Path file = directory.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = nodes.stream()
                    .flatMap(node -> node.formattedClusterId().stream())
                    .findFirst()
                    .orElseGet(() -> Uuid.randomUuid().toString());
            Files.createDirectories(directory);
            Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bootstrap.servers} naming every node. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    public List<KafkaBrokerProcess> nodes() {
        return nodes;
    }

    /** The node with {@code nodeId}. */
    public KafkaBrokerProcess node(int nodeId) {
        return nodes.stream()
                .filter(node -> node.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + bootstrapServers()));
    }

    public Path directory() {
        return directory;
    }

    /** Stops one node gracefully (SIGTERM; SIGKILL after {@link #DEFAULT_STOP_GRACE}). */
    public void stopNode(int nodeId) {
        long startedNanos = System.nanoTime();
        boolean graceful = node(nodeId).stop(DEFAULT_STOP_GRACE);
        LOG.info(
                "Kafka node {} {} in {}",
                nodeId,
                graceful ? "stopped" : "killed after its grace period",
                secondsSince(startedNanos));
    }

    /** Kills one node with SIGKILL. */
    public void killNode(int nodeId) {
        node(nodeId).kill();
        LOG.info("Kafka node {} killed", nodeId);
    }

    /** Starts a stopped node again and waits until the cluster lists it as a broker. */
    public void startNode(int nodeId) {
        long startedNanos = System.nanoTime();
        KafkaBrokerProcess node = node(nodeId);
        node.start(startTimeout);
        awaitBrokers(runningNodes(), startTimeout);
        LOG.info("Kafka node {} back in {}", nodeId, secondsSince(startedNanos));
    }

    /**
     * Waits until every partition of every topic (internal ones included) has all its replicas in sync, as
     * after a restarted node has caught up; fails when {@code timeout} passes first.
     */
    public void awaitInSync(Duration timeout) {
        try (Admin admin = Admin.create(adminConfig())) {
            try {
                Waits.await("every partition of the Kafka cluster on " + bootstrapServers() + " to be in sync")
                        .atMost(timeout)
                        .pollInterval(POLL_INTERVAL)
                        .until(() -> outOfSyncPartitions(admin), List::isEmpty);
            } catch (ConditionTimeoutException e) {
                throw new StackException("partitions " + outOfSyncPartitions(admin) + " of the Kafka cluster on "
                        + bootstrapServers() + " were not in sync within " + timeout.toSeconds() + " s");
            }
        }
    }

    /**
     * Stops every node at once. With the quorum gone, the last nodes cannot finish a controlled shutdown, so
     * whatever still runs after {@code grace} is killed.
     */
    public void stop(Duration grace) {
        long startedNanos = System.nanoTime();
        List<ChildJvm> running = nodes.stream()
                .filter(KafkaBrokerProcess::isRunning)
                .map(KafkaBrokerProcess::child)
                .toList();
        if (!running.isEmpty()) {
            ChildJvm.stopAll(running, grace);
            LOG.info("Kafka cluster on {} stopped in {}", bootstrapServers(), secondsSince(startedNanos));
        }
    }

    /** Stops every node: a single node gracefully, a larger cluster with a short grace period. */
    @Override
    public void close() {
        stop(nodes.size() == 1 ? DEFAULT_STOP_GRACE : Duration.ofSeconds(10));
    }

    /** Leaves the nodes running after this JVM exits (the {@code stack start} command). */
    void release() {
        nodes.stream()
                .filter(KafkaBrokerProcess::isRunning)
                .forEach(node -> node.child().release());
    }

    static String secondsSince(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private int runningNodes() {
        return (int) nodes.stream().filter(KafkaBrokerProcess::isRunning).count();
    }

    /** Waits until {@code describeCluster()} lists {@code expected} brokers. */
    private void awaitBrokers(int expected, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig())) {
            try {
                Waits.await("the Kafka cluster on " + bootstrapServers() + " to list " + expected + " brokers")
                        .atMost(timeout)
                        .pollInterval(POLL_INTERVAL)
                        .until(() -> brokerIds(admin).size() >= expected);
            } catch (ConditionTimeoutException e) {
                throw new StackException("the Kafka cluster on " + bootstrapServers() + " listed brokers "
                        + brokerIds(admin) + " but not " + expected + " within " + timeout.toSeconds() + " s");
            }
        }
    }

    /** Partitions whose in-sync replicas are fewer than their replicas; "unknown" when the cluster does not say. */
    private static List<String> outOfSyncPartitions(Admin admin) {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get(5, TimeUnit.SECONDS);
            return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .filter(partition -> partition.isr().size()
                                    < partition.replicas().size())
                            .map(partition -> topic.name() + "-" + partition.partition()))
                    .toList();
        } catch (ExecutionException | TimeoutException e) {
            return List.of("unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the Kafka cluster", e);
        }
    }

    private static List<Integer> brokerIds(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream()
                    .map(Node::id)
                    .toList();
        } catch (ExecutionException | TimeoutException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the Kafka cluster", e);
        }
    }
}
