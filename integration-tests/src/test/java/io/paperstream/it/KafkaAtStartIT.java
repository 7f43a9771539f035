package io.paperstream.it;

import static io.paperstream.it.TestTopics.header;
import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.streams.ClusterNotReadyException;
import io.paperstream.streams.DeadLetters;
import io.paperstream.streams.EnrichTopology;
import io.paperstream.streams.StreamsSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * What the application learns of the cluster as it starts, on a real broker.
 *
 * <ul>
 *   <li>A cluster that takes records timestamped less far ahead than {@code paperstream.event-time.max-ahead}:
 *       papers.enriched has a {@code message.timestamp.after.max.ms} of 12 minutes, the application its default 55m.
 *       It takes event times up to eleven twelfths of that ahead (11m): a paper published 30 minutes ahead, which the
 *       broker would refuse on papers.enriched (failing the stream thread again and again), is a dead letter that says
 *       so; one 5 minutes ahead and the corpus go through; the application stays RUNNING with the same threads.
 *   <li>A cluster that refuses old timestamps: papers.classified has a {@code message.timestamp.before.max.ms} of 24
 *       days. The application takes event times up to eleven twelfths of that behind (22d): a paper published 40 days
 *       ago is a dead letter that says so, one 10 days ago and the corpus go through, with the same threads.
 *   <li>papers.raw made by a producer's first send (a broker that creates topics on first use gives it its default
 *       partitions): the application creates papers.engagement with as many, not with its own setting, and runs; a
 *       mismatch it did not make stops its start with what to do.
 * </ul>
 */
@RealKafkaStack
class KafkaAtStartIT {

    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_LIMIT = Duration.ofMinutes(12);
    private static final Duration OLD_LIMIT = Duration.ofDays(24);

    private final StackEndpoints stack;

    KafkaAtStartIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void eventTimesStayWithinTheBrokersTimestampLimitAndAPaperPastItIsADeadLetter() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-ts-limit");
        TestTopics.create(
                stack.bootstrapServers(),
                topics.enriched(),
                1,
                Map.of(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(TOPIC_LIMIT.toMillis())));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertOnlyThePaperPastTheLimitIsADeadLetter(
                topics,
                CorpusEvents.papers(now),
                now.plus(Duration.ofMinutes(30)),
                now.plus(Duration.ofMinutes(5)),
                " ahead of this instance's clock: more than the 11m of " + StreamsSettings.EVENT_TIME_MAX_AHEAD.name());
    }

    @Test
    void eventTimesStayWithinTheBrokersLimitOnOldTimestampsAndAPaperPastItIsADeadLetter() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-ts-before");
        TestTopics.create(
                stack.bootstrapServers(),
                topics.classified(),
                1,
                Map.of(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.toString(OLD_LIMIT.toMillis())));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the corpus's own dates are over 22 days ago: published an hour ago here, as papers of today
        List<PaperAbstract> corpus = CorpusEvents.papers(now).stream()
                .map(paper -> PaperAbstract.newBuilder(paper)
                        .setPublishedAt(now.minus(Duration.ofHours(1)))
                        .build())
                .toList();
        assertOnlyThePaperPastTheLimitIsADeadLetter(
                topics,
                corpus,
                now.minus(Duration.ofDays(40)),
                now.minus(Duration.ofDays(10)),
                "40d 0h 0m behind this instance's clock: more than the 22d of "
                        + StreamsSettings.EVENT_TIME_MAX_BEHIND.name());
    }

    @Test
    void anEngagementTopicIsCreatedWithThePartitionsOfAnExistingRawTopicAndAMismatchStopsTheStart() throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-copartition");
        TestTopics.create(stack.bootstrapServers(), topics.raw(), 1);
        Map<String, String> threePartitions = Map.of(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), "3");
        try (StreamsAppRun app = StreamsAppRun.start(stack, topics, threePartitions)) {
            assertThat(partitions(topics.engagement()))
                    .as("partitions of %s", topics.engagement())
                    .isEqualTo(1);
            assertThat(partitions(topics.classified()))
                    .as("partitions of %s", topics.classified())
                    .isEqualTo(3);
            List<PaperAbstract> corpus = CorpusEvents.papers(Instant.now());
            sendAndAwaitClassified(topics, corpus, corpus);
        }

        PipelineTopics mismatched = PipelineTopics.unique("it-copartition");
        TestTopics.create(stack.bootstrapServers(), mismatched.raw(), 1);
        TestTopics.create(stack.bootstrapServers(), mismatched.engagement(), 2);
        String refusal = mismatched.engagement() + " has 2 partitions and " + mismatched.raw() + " 1: both are"
                + " partitioned by paper id and must have as many partitions, so that a paper's engagement meets the"
                + " paper; recreate " + mismatched.engagement() + " with 1 partitions";
        assertThatThrownBy(() -> StreamsAppRun.start(stack, mismatched, Map.of()))
                .isInstanceOf(ClusterNotReadyException.class)
                .hasMessage(refusal);
        // the stream command says it in that one sentence: no trace, since it is no bug
        Map<String, String> values = new HashMap<>(mismatched.settings());
        values.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        values.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), stack.registryUrl());
        values.put(StreamsSettings.HTTP_PORT.name(), "0");
        StreamCommandRun refused = StreamCommandRun.of(values);
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(refused.errLines()).containsExactly(refusal);
    }

    /**
     * Runs the application on {@code topics} and sends {@code corpus} with a copy of its first paper published at
     * {@code pastTheLimit} in its middle and one of its second published at {@code withinIt} at its end: the first copy
     * is the only dead letter (of enrich, at its offset, its message its time, then {@code reason}), every other paper is
     * classified, and no stream thread fails.
     */
    private void assertOnlyThePaperPastTheLimitIsADeadLetter(
            PipelineTopics topics, List<PaperAbstract> corpus, Instant pastTheLimit, Instant withinIt, String reason)
            throws Exception {
        try (StreamsAppRun app = StreamsAppRun.start(stack, topics, Map.of());
                StatePolling states = new StatePolling(app)) {
            Set<String> threadsAtStart = app.streamThreads();
            PaperAbstract past = PaperAbstract.newBuilder(corpus.get(0))
                    .setId(corpus.get(0).getId() + "-past-the-limit")
                    .setPublishedAt(pastTheLimit)
                    .build();
            PaperAbstract within = PaperAbstract.newBuilder(corpus.get(1))
                    .setId(corpus.get(1).getId() + "-within-it")
                    .setPublishedAt(withinIt)
                    .build();
            List<PaperAbstract> sent = new ArrayList<>(corpus);
            sent.add(corpus.size() / 2, past);
            sent.add(within);
            List<PaperAbstract> classified = new ArrayList<>(sent);
            classified.remove(past);
            sendAndAwaitClassified(topics, sent, classified);

            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    TestTopics.readAll(stack.bootstrapServers(), topics.deadLetters(), PROCESSING_TIMEOUT);
            assertThat(deadLetters).hasSize(1);
            ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
            assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(past.getId());
            assertThat(header(deadLetter, DeadLetters.STAGE_HEADER)).isEqualTo(EnrichTopology.ENRICH);
            assertThat(header(deadLetter, DeadLetters.TOPIC_HEADER)).isEqualTo(topics.raw());
            assertThat(header(deadLetter, DeadLetters.OFFSET_HEADER)).isEqualTo(Integer.toString(corpus.size() / 2));
            assertThat(header(deadLetter, DeadLetters.MESSAGE_HEADER))
                    .startsWith("published at " + past.getPublishedAt() + ", ")
                    .contains(reason);

            assertThat(states.seen()).as("states since RUNNING").containsOnly(KafkaStreams.State.RUNNING);
            assertThat(app.streamThreads()).as("stream threads").isEqualTo(threadsAtStart);
        }
    }

    /** Sends {@code sent} to papers.raw and waits until papers.classified holds exactly {@code classified}, by id. */
    private void sendAndAwaitClassified(
            PipelineTopics topics, List<PaperAbstract> sent, List<PaperAbstract> classified) {
        try (ReplayProducer producer = new ReplayProducer(stack, topics.raw())) {
            producer.sendAll(sent);
        }
        List<ConsumerRecord<byte[], byte[]>> records = await("the papers classified")
                .atMost(PROCESSING_TIMEOUT)
                .until(
                        () -> TestTopics.readAll(stack.bootstrapServers(), topics.classified(), PROCESSING_TIMEOUT),
                        read -> read.size() >= classified.size());
        assertThat(records)
                .extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(
                        classified.stream().map(PaperAbstract::getId).toList());
    }

    private int partitions(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        }
    }
}
