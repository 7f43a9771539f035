package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.stack.KafkaCluster;
import io.paperstream.stack.StackTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The three-node cluster of {@link RealKafkaCluster}: the pipeline topics are replicated three times with
 * min.insync.replicas 2, so that acknowledged writes survive a stopped broker, even the partition's leader.
 */
@RealKafkaCluster
class ReplicatedClusterIT {

    private static final int RECORDS_PER_PHASE = 500;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void pipelineTopicsAreReplicatedThreeTimesWithMinInSyncTwo(KafkaCluster cluster) throws Exception {
        try (Admin admin = admin(cluster)) {
            TopicDescription raw = admin.describeTopics(List.of(StackTopics.PAPERS_RAW))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(StackTopics.PAPERS_RAW);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, StackTopics.PAPERS_RAW);
            String minInSync = admin.describeConfigs(List.of(topic))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                    .value();

            assertThat(cluster.size()).isEqualTo(3);
            assertThat(raw.partitions())
                    .hasSize(StackTopics.DEFAULT_PARTITIONS)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            assertThat(minInSync).isEqualTo("2");
        }
    }

    @Test
    void acknowledgedWritesSurviveStoppingTheLeader(KafkaCluster cluster) throws Exception {
        String topic = TestTopics.unique("it-replicated");
        int leader = TestTopics.create(cluster.bootstrapServers(), topic, 1)
                .partitions()
                .get(0)
                .leader()
                .id();

        try (KafkaProducer<String, String> producer = producer(cluster)) {
            send(producer, topic, 0);
            cluster.stopNode(leader);
            send(producer, topic, RECORDS_PER_PHASE);
            cluster.startNode(leader);
            cluster.awaitInSync(TIMEOUT);
        }

        List<ConsumerRecord<byte[], byte[]>> records = TestTopics.readAll(cluster.bootstrapServers(), topic, TIMEOUT);
        assertThat(records)
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(IntStream.range(0, 2 * RECORDS_PER_PHASE)
                        .mapToObj(Integer::toString)
                        .toList());
    }

    /** Sends {@code RECORDS_PER_PHASE} numbered records from {@code first}; fails unless all are acknowledged. */
    private static void send(KafkaProducer<String, String> producer, String topic, int first) throws Exception {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        for (int i = first; i < first + RECORDS_PER_PHASE; i++) {
            acknowledgements.add(producer.send(new ProducerRecord<>(topic, "key", Integer.toString(i))));
        }
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            acknowledgement.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Admin admin(KafkaCluster cluster) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(KafkaCluster cluster) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) TIMEOUT.toMillis()),
                new StringSerializer(),
                new StringSerializer());
    }
}
