package io.paperstream.stack;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Three real KRaft nodes: one stopped and one killed while producing with acks=all, then restarted. */
class KafkaClusterTest {

    private static final String TOPIC = "replicated";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void aStoppedAndAKilledNodeComeBackAndNothingAcknowledgedIsLost() throws Exception {
        try (KafkaCluster cluster = KafkaCluster.onFreePorts(directory, 3).start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
                KafkaProducer<String, String> producer = producer(cluster.bootstrapServers())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .extracting(Node::id)
                    .containsExactlyInAnyOrder(1, 2, 3);
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            send(producer, 0, 100);
            cluster.stopNode(2);
            send(producer, 100, 200);
            cluster.startNode(2);
            cluster.awaitInSync(Duration.ofSeconds(60));
            cluster.killNode(3);
            send(producer, 200, 300);
            cluster.startNode(3);

            assertThat(cluster.nodes()).allMatch(KafkaBrokerProcess::isRunning);
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(3);
            assertThat(consume(cluster.bootstrapServers(), 300))
                    .isEqualTo(
                            IntStream.range(0, 300).mapToObj(i -> "paper-" + i).collect(Collectors.toSet()));
        }
    }

    private static void send(KafkaProducer<String, String> producer, int from, int to) throws Exception {
        List<Future<RecordMetadata>> acks = IntStream.range(from, to)
                .mapToObj(i -> producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "paper-" + i)))
                .toList();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static Set<String> consume(String bootstrapServers, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await(expected + " records in " + TOPIC)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(record -> received.add(record.value()));
                        return received.size() >= expected;
                    });
        }
        assertThat(received.size()).as("records read, duplicates included").isEqualTo(expected);
        return new HashSet<>(received);
    }
}
