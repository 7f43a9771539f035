package io.paperstream.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of the paperstream pipeline (docs: architecture.md, "Topics") and their creation. The two
 * tables keyed by id keep only the latest value per key (compacted); a daily digest has one partition so that
 * days stay in order.
 */
public final class StackTopics {

    public static final String PAPERS_RAW = "papers.raw";
    public static final String PAPERS_ENRICHED = "papers.enriched";
    public static final String PAPERS_CLASSIFIED = "papers.classified";
    public static final String TOPICS_COUNTS = "topics.counts";
    public static final String TOPICS_WINDOWED = "topics.windowed";
    public static final String TRENDS_TOPICS = "trends.topics";
    public static final String TRENDS_KEYWORDS = "trends.keywords";
    public static final String DIGESTS_DAILY = "digests.daily";
    public static final String PAPERS_DLQ = "papers.dlq";

    /** Partitions of every topic but the digest, unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 4;

    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private StackTopics() {
    }

    /** Every pipeline topic with {@code partitions} partitions (the digest: 1) and {@code replicationFactor}. */
    public static List<NewTopic> all(int partitions, short replicationFactor) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be 1 or more, got " + partitions);
        }
        return List.of(
                topic(PAPERS_RAW, partitions, replicationFactor, Map.of()),
                topic(PAPERS_ENRICHED, partitions, replicationFactor, Map.of()),
                topic(PAPERS_CLASSIFIED, partitions, replicationFactor, COMPACTED),
                topic(TOPICS_COUNTS, partitions, replicationFactor, COMPACTED),
                topic(TOPICS_WINDOWED, partitions, replicationFactor, Map.of()),
                topic(TRENDS_TOPICS, partitions, replicationFactor, Map.of()),
                topic(TRENDS_KEYWORDS, partitions, replicationFactor, Map.of()),
                topic(DIGESTS_DAILY, 1, replicationFactor, Map.of()),
                topic(PAPERS_DLQ, partitions, replicationFactor, Map.of()));
    }

    /**
     * Creates the topics that do not exist yet; existing topics are left as they are.
     *
     * @return the names of the topics created now
     */
    public static Set<String> createMissing(Admin admin, List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
            var results = admin.createTopics(missing).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // created by someone else between listing and creating: that is what we wanted
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return missing.stream().map(NewTopic::name).collect(Collectors.toCollection(TreeSet::new));
        } catch (ExecutionException e) {
            throw new StackException("could not create the paperstream topics: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new StackException("the broker did not create the paperstream topics within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating the paperstream topics", e);
        }
    }

    private static NewTopic topic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
