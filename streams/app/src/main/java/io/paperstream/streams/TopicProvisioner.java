package io.paperstream.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the application's topics that do not exist yet, with the configured partitions and
 * replication: compacted where a record is the latest state of its key, otherwise kept for the
 * configured retention. Existing topics are left as they are.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long METADATA_RETRY_MS = 100;

    private TopicProvisioner() {}

    /** The topics to create, with their configuration. */
    public static List<NewTopic> newTopics(StreamsSettings settings) {
        Set<String> compacted = settings.compactedTopics();
        List<NewTopic> topics = new ArrayList<>();
        for (String name : settings.topics()) {
            Map<String, String> config = new HashMap<>();
            if (compacted.contains(name)) {
                config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            } else {
                config.put(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(settings.get(StreamsSettings.KAFKA_TOPIC_RETENTION_MS)));
            }
            // a single partition keeps the days of digests.daily in order for readers
            int partitions = name.equals(KafkaTopics.DIGESTS.name(settings))
                    ? 1
                    : settings.get(StreamsSettings.KAFKA_TOPIC_PARTITIONS);
            topics.add(new NewTopic(
                            name,
                            partitions,
                            settings.get(StreamsSettings.KAFKA_TOPIC_REPLICATION)
                                    .shortValue())
                    .configs(config));
        }
        return topics;
    }

    /**
     * Creates the missing topics and waits for the brokers to confirm. papers.engagement is created after the others,
     * with as many partitions as papers.raw has then, whoever created it: a producer's first send to a broker that
     * creates topics on first use makes papers.raw with the broker's default partitions, maybe while this runs.
     *
     * @return the names of the topics created (empty when all existed)
     */
    public static List<String> createMissing(Admin admin, StreamsSettings settings, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        String papers = KafkaTopics.RAW_PAPERS.name(settings);
        String engagement = KafkaTopics.ENGAGEMENT.name(settings);
        List<NewTopic> missing = newTopics(settings).stream()
                .filter(t -> !existing.contains(t.name()))
                .toList();
        List<String> created = create(
                admin,
                missing.stream().filter(t -> !t.name().equals(engagement)).toList(),
                timeoutMs);
        for (NewTopic topic : missing) {
            if (topic.name().equals(engagement)) {
                int partitions =
                        partitionCounts(admin, List.of(papers), timeoutMs).get(papers);
                if (partitions != topic.numPartitions()) {
                    LOG.warn(
                            "{} has a partition count of {}, not the {} of {}: {} is created with the same, so that a"
                                    + " paper's engagement meets the paper",
                            papers,
                            partitions,
                            topic.numPartitions(),
                            StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(),
                            engagement);
                }
                NewTopic copartitioned = new NewTopic(
                                engagement, Optional.of(partitions), Optional.of(topic.replicationFactor()))
                        .configs(topic.configs());
                created.addAll(create(admin, List.of(copartitioned), timeoutMs));
            }
        }
        LOG.info("created topics {}", created);
        return created;
    }

    /** Creates {@code topics}; returns the names of those it created (another instance may have created the rest). */
    private static List<String> create(Admin admin, List<NewTopic> topics, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result :
                admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                created.add(result.getKey());
            } catch (ExecutionException e) {
                // another instance created it in the meantime
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    /**
     * Fails unless papers.engagement has as many partitions as papers.raw: both are keyed by paper id, and a paper's
     * engagement must reach the task that holds the paper.
     *
     * @return the partitions of papers.raw
     * @throws ClusterNotReadyException naming both topics and their partition counts
     */
    public static int requireCopartitioned(Admin admin, StreamsSettings settings, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        String papers = KafkaTopics.RAW_PAPERS.name(settings);
        String engagement = KafkaTopics.ENGAGEMENT.name(settings);
        Map<String, Integer> partitions = partitionCounts(admin, List.of(papers, engagement), timeoutMs);
        if (!partitions.get(papers).equals(partitions.get(engagement))) {
            throw new ClusterNotReadyException(engagement + " has " + partitions.get(engagement) + " partitions and "
                    + papers + " " + partitions.get(papers) + ": both are partitioned by paper id and must have as"
                    + " many partitions, so that a paper's engagement meets the paper; recreate " + engagement
                    + " with " + partitions.get(papers) + " partitions");
        }
        return partitions.get(papers);
    }

    /** The partition counts of {@code topics}, waiting within {@code timeoutMs} for topics just created to be known. */
    private static Map<String, Integer> partitionCounts(Admin admin, List<String> topics, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            try {
                Map<String, Integer> partitions = new HashMap<>();
                admin.describeTopics(topics)
                        .allTopicNames()
                        .get(timeoutMs, TimeUnit.MILLISECONDS)
                        .forEach((name, description) ->
                                partitions.put(name, description.partitions().size()));
                return partitions;
            } catch (ExecutionException e) {
                // a topic created a moment ago may not be in every broker's metadata yet
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(METADATA_RETRY_MS);
            }
        }
    }
}
