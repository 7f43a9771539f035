package io.paperstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka Streams application's consumer group is through its input and its own repartition topics,
 * read from the group's committed offsets against the topics' end offsets. The committed offsets are what the
 * application has processed for good (under exactly-once, in a committed transaction), so they say when it is
 * drained without asking it.
 */
final class GroupProgress {

    /**
     * One look at the group.
     *
     * @param inputCommitted committed offsets summed over the input topic's partitions
     * @param inputEnd end offsets summed over the input topic's partitions
     * @param drained true when every input and repartition record is committed as processed
     */
    record Snapshot(long inputCommitted, long inputEnd, boolean drained) {}

    private final Admin admin;
    private final String applicationId;
    private final String inputTopic;
    private final boolean transactional;
    private final Duration timeout;

    /** @param transactional true when the application writes in transactions (exactly-once) */
    GroupProgress(Admin admin, String applicationId, String inputTopic, boolean transactional, Duration timeout) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.inputTopic = inputTopic;
        this.transactional = transactional;
        this.timeout = timeout;
    }

    Snapshot snapshot() throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> repartition = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> ends = endOffsets(repartition);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long inputCommitted = 0;
        long inputEnd = 0;
        boolean drained = true;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long done = offset == null ? 0 : offset.offset();
            if (end.getKey().topic().equals(inputTopic)) {
                inputCommitted += done;
                inputEnd += end.getValue();
                drained &= done >= end.getValue();
            } else {
                // written in transactions, a repartition topic ends with a commit marker, which a consumer steps
                // over without committing past it
                drained &= done >= end.getValue() - (transactional ? 1 : 0);
            }
        }
        return new Snapshot(inputCommitted, inputEnd, drained);
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> repartitionTopics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> topics = admin.describeTopics(concat(inputTopic, repartitionTopics))
                .allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        topics.values()
                .forEach(topic -> topic.partitions()
                        .forEach(p ->
                                request.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> infos =
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        infos.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static List<String> concat(String first, Set<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
