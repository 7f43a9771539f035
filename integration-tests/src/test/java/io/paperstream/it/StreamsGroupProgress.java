package io.paperstream.it;

import io.paperstream.waits.Waits;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupSubtopologyDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a streams application has come, as the broker sees it: the offsets its consumer group committed (under
 * exactly-once, atomically with everything it wrote for them) against the end of its input topic and of its
 * internal repartition topics, and which members of the group hold which input partitions.
 */
final class StreamsGroupProgress implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final String applicationId;
    private final String inputTopic;

    StreamsGroupProgress(String bootstrapServers, String applicationId, String inputTopic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.applicationId = applicationId;
        this.inputTopic = inputTopic;
    }

    /** Input records processed and committed: the sum of the group's committed offsets on the input topic. */
    long committedInput() {
        return committedOffsets().entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(inputTopic))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * Waits until {@link #committedInput()} satisfies {@code condition}, checking that the {@code running}
     * instances stay alive; returns the committed input it saw.
     */
    long awaitCommittedInput(
            LongPredicate condition, String what, Duration timeout, Collection<StreamsAppProcess> running) {
        return await(this::committedInput, condition::test, "committed input records: " + what, timeout, running);
    }

    /**
     * Waits until the application has processed and committed everything written to its input topic and its
     * repartition topics so far: for every partition, the committed offset has reached the last stable offset.
     */
    void awaitDrained(Duration timeout, Collection<StreamsAppProcess> running) {
        await(this::behind, Map::isEmpty, "every partition caught up (records behind per partition)", timeout, running);
    }

    /**
     * Waits until the group is stable and the input partitions its instances hold satisfy {@code condition}
     * ({@link #inputPartitionsByInstance()}); returns them.
     */
    Map<String, Set<Integer>> awaitInputPartitions(
            Predicate<Map<String, Set<Integer>>> condition,
            String what,
            Duration timeout,
            Collection<StreamsAppProcess> running) {
        return await(
                this::inputPartitionsByInstance, condition, "input partitions per instance: " + what, timeout, running);
    }

    /**
     * Probes until {@code done}, checking that the {@code running} instances stay alive. While a broker is down the
     * admin requests may fail: that only ends the wait at the timeout.
     */
    private <T> T await(
            Supplier<T> probe,
            Predicate<T> done,
            String what,
            Duration timeout,
            Collection<StreamsAppProcess> running) {
        return Waits.await(applicationId + " to reach " + what)
                .atMost(timeout)
                .pollInterval(POLL)
                .failFast(() -> running.forEach(StreamsAppProcess::assertAlive))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(probe::get, done);
    }

    /** Partitions where the group has not committed up to the last stable offset, with how far it is behind. */
    Map<TopicPartition, Long> behind() {
        // committed first: the transactions committed by then are below the end offsets read next
        Map<TopicPartition, Long> committed = committedOffsets();
        Set<String> topics = sourceTopics();
        Map<TopicPartition, Long> end = endOffsets(topics);
        Map<TopicPartition, Long> behind = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        end.forEach((partition, endOffset) -> {
            long lag = endOffset - committed.getOrDefault(partition, 0L);
            if (lag > 0) {
                behind.put(partition, lag);
            }
        });
        return behind;
    }

    /**
     * The members of the group by {@code client.id} prefix (the instance name), with the input partitions each
     * holds; empty while the group rebalances. A streams group ({@code group.protocol=streams}) tells its members'
     * tasks, of which those of the subtopologies that read the input topic hold its partitions.
     */
    Map<String, Set<Integer>> inputPartitionsByInstance() {
        return isStreamsGroup() ? streamsInputPartitions() : consumerInputPartitions();
    }

    /** Whether the brokers keep the group as a streams group ({@code group.protocol=streams}). */
    private boolean isStreamsGroup() {
        return get(admin.listGroups().all()).stream()
                .anyMatch(group ->
                        group.groupId().equals(applicationId) && group.type().equals(Optional.of(GroupType.STREAMS)));
    }

    private Map<String, Set<Integer>> consumerInputPartitions() {
        ConsumerGroupDescription group = get(admin.describeConsumerGroups(List.of(applicationId))
                .describedGroups()
                .get(applicationId));
        Map<String, Set<Integer>> byClient = new HashMap<>();
        for (MemberDescription member : group.members()) {
            byClient.merge(
                    member.clientId(),
                    member.assignment().topicPartitions().stream()
                            .filter(partition -> partition.topic().equals(inputTopic))
                            .map(TopicPartition::partition)
                            .collect(Collectors.toCollection(TreeSet::new)),
                    StreamsGroupProgress::union);
        }
        return byInstance(group.groupState(), byClient);
    }

    private Map<String, Set<Integer>> streamsInputPartitions() {
        StreamsGroupDescription group = get(admin.describeStreamsGroups(List.of(applicationId))
                .describedGroups()
                .get(applicationId));
        Set<String> readingInput = group.subtopologies().stream()
                .filter(subtopology -> subtopology.sourceTopics().contains(inputTopic))
                .map(StreamsGroupSubtopologyDescription::subtopologyId)
                .collect(Collectors.toSet());
        Map<String, Set<Integer>> byClient = new HashMap<>();
        for (StreamsGroupMemberDescription member : group.members()) {
            byClient.merge(
                    member.clientId(),
                    member.assignment().activeTasks().stream()
                            .filter(tasks -> readingInput.contains(tasks.subtopologyId()))
                            .flatMap(tasks -> tasks.partitions().stream())
                            .collect(Collectors.toCollection(TreeSet::new)),
                    StreamsGroupProgress::union);
        }
        return byInstance(group.groupState(), byClient);
    }

    /** The input partitions of the members by client id, by instance; none while the group is not stable. */
    private static Map<String, Set<Integer>> byInstance(GroupState state, Map<String, Set<Integer>> byClient) {
        Map<String, Set<Integer>> byInstance = new TreeMap<>();
        if (state == GroupState.STABLE) {
            byClient.forEach((client, partitions) ->
                    byInstance.merge(instanceOf(client), new TreeSet<>(partitions), StreamsGroupProgress::union));
        }
        return byInstance;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        a.addAll(b);
        return a;
    }

    /** The id of the broker that coordinates the group (and keeps its committed offsets). */
    int coordinator() {
        Node coordinator = isStreamsGroup()
                ? get(admin.describeStreamsGroups(List.of(applicationId))
                                .describedGroups()
                                .get(applicationId))
                        .coordinator()
                : get(admin.describeConsumerGroups(List.of(applicationId))
                                .describedGroups()
                                .get(applicationId))
                        .coordinator();
        return coordinator.id();
    }

    /** Kafka Streams names its consumer {@code <client.id>-StreamThread-<n>-consumer}. */
    private static String instanceOf(String clientId) {
        int thread = clientId.indexOf("-StreamThread-");
        return thread < 0 ? clientId : clientId.substring(0, thread);
    }

    /** The input topic and the application's repartition topics, which its tasks read. */
    private Set<String> sourceTopics() {
        Set<String> topics = get(admin.listTopics().names()).stream()
                .filter(topic -> topic.startsWith(applicationId + "-") && topic.endsWith("-repartition"))
                .collect(Collectors.toSet());
        topics.add(inputTopic);
        return topics;
    }

    private Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    /**
     * The log start offset of every partition of the topics whose names start with {@code prefix}: above 0 where
     * the broker deleted the first records, by retention or a delete-records request.
     */
    Map<TopicPartition, Long> logStartOffsets(String prefix) {
        Set<String> topics = get(admin.listTopics().names()).stream()
                .filter(topic -> topic.startsWith(prefix))
                .collect(Collectors.toSet());
        return offsets(topics, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics) {
        // what read_committed consumers (the application under exactly-once) can read
        return offsets(topics, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
    }

    private Map<TopicPartition, Long> offsets(Set<String> topics, OffsetSpec spec, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        get(admin.describeTopics(topics).allTopicNames())
                .values()
                .forEach(description -> description
                        .partitions()
                        .forEach(partition ->
                                request.put(new TopicPartition(description.name(), partition.partition()), spec)));
        return get(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all()).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not answer an admin request: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
