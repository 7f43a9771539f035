package io.paperstream.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code server.properties} of one combined broker+controller KRaft node, on 127.0.0.1 only.
 *
 * <p>A single node finds its quorum through {@code controller.quorum.bootstrap.servers} (storage formatted
 * with {@code --standalone}); a node of a larger cluster uses the static {@code controller.quorum.voters} of
 * all nodes. Internal topics are replicated as far as the cluster allows, up to 3 with min.insync 2.
 */
public final class KafkaServerProperties {

    private KafkaServerProperties() {}

    /**
     * The configuration of {@code self}, one of the nodes of {@code cluster}, writing its log segments to
     * {@code logDir}.
     */
    public static Map<String, String> of(KafkaNodeAddress self, List<KafkaNodeAddress> cluster, Path logDir) {
        if (!cluster.contains(self)) {
            throw new IllegalArgumentException("node " + self.nodeId() + " is not in the cluster " + cluster);
        }
        int replication = Math.min(cluster.size(), 3);
        String minInSync = Integer.toString(Math.max(1, replication - 1));
        Map<String, String> properties = new TreeMap<>();
        properties.put("node.id", Integer.toString(self.nodeId()));
        properties.put("process.roles", "broker,controller");
        properties.put(
                "listeners", "PLAINTEXT://" + self.bootstrapServer() + ",CONTROLLER://" + self.controllerEndpoint());
        properties.put("advertised.listeners", "PLAINTEXT://" + self.bootstrapServer());
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("log.dirs", logDir.toAbsolutePath().toString());
        properties.put("offsets.topic.replication.factor", Integer.toString(replication));
        properties.put("transaction.state.log.replication.factor", Integer.toString(replication));
        properties.put("transaction.state.log.min.isr", minInSync);
        properties.put("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        properties.put("share.coordinator.state.topic.min.isr", minInSync);
        properties.put("default.replication.factor", Integer.toString(replication));
        properties.put("min.insync.replicas", minInSync);
        // consumers and Streams apps start at once instead of waiting 3 s for more members, on either protocol
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("group.streams.initial.rebalance.delay.ms", "0");
        // a streams group may take the short session a classic one may (the brokers' default minimum, 6 s), so that
        // a killed instance's tasks move as soon on either protocol; its heartbeat then has to come within it
        properties.put("group.streams.min.session.timeout.ms", "6000");
        properties.put("group.streams.min.heartbeat.interval.ms", "1000");
        // time-based retention is enforced within seconds rather than up to 5 minutes later: replayed papers carry
        // old timestamps, and a topic whose retention would delete them shows it in the first minute of a run
        properties.put("log.retention.check.interval.ms", "10000");
        if (cluster.size() == 1) {
            properties.put("controller.quorum.bootstrap.servers", self.controllerEndpoint());
        } else {
            properties.put(
                    "controller.quorum.voters",
                    cluster.stream()
                            .map(node -> node.nodeId() + "@" + node.controllerEndpoint())
                            .collect(Collectors.joining(",")));
            // a stopped node is noticed and its partitions move within seconds, not 9 s
            properties.put("broker.session.timeout.ms", "3000");
            properties.put("broker.heartbeat.interval.ms", "500");
        }
        return properties;
    }

    /** True when the storage of a node of this cluster is formatted with {@code --standalone}. */
    public static boolean formatsStandalone(List<KafkaNodeAddress> cluster) {
        return cluster.size() == 1;
    }
}
