package io.paperstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

    private static final Path LOG_DIR = Path.of("/data/node-1/data");

    @Test
    void aSingleNodeIsABrokerAndControllerOnLoopbackThatFindsItsQuorumThroughBootstrapServers() {
        KafkaNodeAddress node = new KafkaNodeAddress(1, 19092, 19093);

        Map<String, String> properties = KafkaServerProperties.of(node, List.of(node), LOG_DIR);

        assertThat(properties)
                .containsEntry("node.id", "1")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
                .containsEntry("log.dirs", LOG_DIR.toString())
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("group.streams.initial.rebalance.delay.ms", "0")
                .containsEntry("group.streams.min.session.timeout.ms", "6000")
                .containsEntry("group.streams.min.heartbeat.interval.ms", "1000")
                .containsEntry("log.retention.check.interval.ms", "10000")
                .doesNotContainKey("controller.quorum.voters");
        assertThat(KafkaServerProperties.formatsStandalone(List.of(node))).isTrue();
    }

    @Test
    void threeNodesShareStaticVotersAndReplicateInternalTopicsThreeTimesWithMinInSyncTwo() {
        List<KafkaNodeAddress> cluster = List.of(
                new KafkaNodeAddress(1, 20001, 20002),
                new KafkaNodeAddress(2, 20003, 20004),
                new KafkaNodeAddress(3, 20005, 20006));

        Map<String, String> properties = KafkaServerProperties.of(cluster.get(1), cluster, LOG_DIR);

        assertThat(properties)
                .containsEntry("node.id", "2")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:20003,CONTROLLER://127.0.0.1:20004")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:20002,2@127.0.0.1:20004,3@127.0.0.1:20006")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("broker.session.timeout.ms", "3000")
                .containsEntry("broker.heartbeat.interval.ms", "500")
                .doesNotContainKey("controller.quorum.bootstrap.servers");
        assertThat(KafkaServerProperties.formatsStandalone(cluster)).isFalse();
    }

    @Test
    void aNodeOutsideTheClusterIsRefused() {
        KafkaNodeAddress stranger = new KafkaNodeAddress(9, 21001, 21002);

        assertThatThrownBy(() ->
                        KafkaServerProperties.of(stranger, List.of(new KafkaNodeAddress(1, 21003, 21004)), LOG_DIR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 9");
    }
}
