package io.paperstream.it;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Topics of one test on a shared broker: created with a unique name, read back as raw records. */
public final class TestTopics {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private TestTopics() {}

    /** {@code prefix} and a random suffix: a topic (and registry subject) no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions and the broker's default replication, and waits
     * until every partition has a leader: the controller acknowledges a new topic before all brokers know it.
     *
     * @return the topic as a broker first described it with a leader for every partition
     */
    public static TopicDescription create(String bootstrapServers, String topic, int partitions) {
        return create(bootstrapServers, topic, partitions, Map.of());
    }

    /** As {@link #create(String, String, int)}, with the topic configs {@code configs} besides its retention. */
    public static TopicDescription create(
            String bootstrapServers, String topic, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            // kept forever, as paperstream creates its own topics: replays carry publication times from 2025, which
            // the broker's default retention of 7 days deletes at its next retention check
            Map<String, String> topicConfigs = new HashMap<>(configs);
            topicConfigs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(topicConfigs);
            admin.createTopics(List.of(newTopic)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return awaitLeaders(admin, topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic " + topic + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    private static TopicDescription awaitLeaders(Admin admin, String topic) {
        return await("a leader for every partition of " + topic)
                .atMost(ADMIN_TIMEOUT)
                .pollInterval(POLL)
                .until(() -> withLeaders(admin, topic), Optional::isPresent)
                .orElseThrow();
    }

    /** The topic's description when every partition has a leader; empty while not. */
    private static Optional<TopicDescription> withLeaders(Admin admin, String topic)
            throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic);
            boolean led = description.partitions().stream()
                    .allMatch(partition ->
                            partition.leader() != null && !partition.leader().isEmpty());
            return led ? Optional.of(description) : Optional.empty();
        } catch (ExecutionException e) {
            // not known to the broker that answered yet
            return Optional.empty();
        }
    }

    /**
     * Every record of {@code topic} from the beginning up to the end offsets it has when called, once no
     * transaction is open below them, as raw bytes, in partition order; without a consumer group, so nothing is
     * committed.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when the records up to those offsets cannot be read
     *     within {@code timeout}
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        // only what producers committed: what a downstream application would see
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, true))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = stableEnd(bootstrapServers, consumer, partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await(topic + " read up to its end offsets " + end)
                    .atMost(timeout)
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        if (reached(consumer, end)) {
                            return true;
                        }
                        consumer.poll(POLL).forEach(record -> {
                            // a record written after the end offsets were taken is not part of this read
                            if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                                records.add(record);
                            }
                        });
                        return false;
                    });
            records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> record) -> record.partition())
                    .thenComparingLong(ConsumerRecord::offset));
            return records;
        }
    }

    /**
     * The partitions' end offsets once every transaction below them has ended. Read committed, the end offsets are
     * the last stable offsets, and a transaction left open (by an instance killed in the middle of one, until the
     * coordinator aborts it when it times out) holds them back: what other producers committed after it would be
     * missed. The written end offsets are taken first; they are stable once the committed ones have reached them.
     */
    private static Map<TopicPartition, Long> stableEnd(
            String bootstrapServers,
            KafkaConsumer<byte[], byte[]> committed,
            List<TopicPartition> partitions,
            Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(consumerConfig(bootstrapServers, false))) {
            return await("no transaction open below the end offsets of " + partitions)
                    .atMost(timeout)
                    .pollInterval(POLL)
                    .until(
                            () -> {
                                Map<TopicPartition, Long> written = uncommitted.endOffsets(partitions, timeout);
                                Map<TopicPartition, Long> stable = committed.endOffsets(partitions, timeout);
                                return written.entrySet().stream()
                                                .allMatch(end -> stable.get(end.getKey()) >= end.getValue())
                                        ? Optional.of(written)
                                        : Optional.<Map<TopicPartition, Long>>empty();
                            },
                            Optional::isPresent)
                    .orElseThrow();
        }
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, boolean readCommitted) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    /** The value of {@code record}'s last header {@code name}, as UTF-8; fails when it has none. */
    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
