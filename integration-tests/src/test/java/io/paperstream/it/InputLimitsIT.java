package io.paperstream.it;

import static io.paperstream.it.TestTopics.header;
import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.streams.DeadLetters;
import io.paperstream.streams.EnrichTopology;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TrendingTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Input the pipeline cannot take, on a real broker: papers published ahead of now (Kafka 4 refuses records
 * timestamped more than {@code log.message.timestamp.after.max.ms}, an hour, ahead, and the pipeline's records carry
 * their paper's event time), an observation made ahead of now, and papers too large for the records made from them
 * (one over {@code paperstream.paper.max-bytes}, one whose own record is a few kilobytes short of the producer's 1 MB
 * {@code max.request.size}). Interleaved with a replay of the corpus, each is a dead letter that says where it was and
 * why, timestamped when it failed, and none is too large to send; every other paper counts exactly once, all time and
 * in its window (the papers ahead did not move stream time and close the replay's windows); the application stays
 * RUNNING with the same stream threads.
 */
@RealKafkaStack
class InputLimitsIT {

    private static final int PAPERS = 600;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);
    /** The serialized size of the largest refused paper: a few kilobytes under the producer's max.request.size. */
    private static final int NEAR_MAX_REQUEST = 1_046_500;

    private final StackEndpoints stack;

    InputLimitsIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void inputTheRecordsCannotCarryIsADeadLetterAndEverythingElseCountsExactly() throws InterruptedException {
        PipelineTopics topics = PipelineTopics.unique("it-limits");
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261206L);
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue());
                StreamsAppRun app = StreamsAppRun.start(stack, topics, Map.of());
                StatePolling states = new StatePolling(app)) {
            Set<String> threadsAtStart = app.streamThreads();
            Instant testStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            // Step 1: an observation of the replay's first paper made a day ahead, then the replay (one raw
            // partition, so offsets are positions) with five papers it refuses among its papers, then the
            // closers, papers that close every window of the replay
            Instant dayAhead = testStart.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            try (ReplayProducer observations = new ReplayProducer(stack, topics.engagement())) {
                observations.sendObservations(List.of(PaperEngagement.newBuilder()
                        .setPaperId(replay.events().get(0).getId())
                        .setSource("hf-daily")
                        .setObservedAt(dayAhead)
                        .setUpvotes(30L)
                        .setGithubStars(120L)
                        .build()));
            }
            List<PaperAbstract> refused = new ArrayList<>();
            for (Duration ahead : List.of(Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(540))) {
                refused.add(PaperAbstract.newBuilder(replay.events().get(refused.size()))
                        .setId(replay.events().get(refused.size()).getId() + "-ahead")
                        .setPublishedAt(testStart.plus(ahead).truncatedTo(ChronoUnit.SECONDS))
                        .build());
            }
            refused.add(withAbstractOf(replay.events().get(3), "-large", 300_000));
            PaperAbstract nearLimit = nearMaxRequest(replay.events().get(4), topics.raw());
            refused.add(nearLimit);
            Map<String, byte[]> refusedBytes = new TreeMap<>();
            try (KafkaAvroSerializer<PaperAbstract> serializer = serializer()) {
                refused.forEach(paper -> refusedBytes.put(paper.getId(), serializer.serialize(topics.raw(), paper)));
            }
            Map<Integer, PaperAbstract> refusedAt = new TreeMap<>();
            List<PaperAbstract> sent = new ArrayList<>(replay.events());
            for (int k = 0; k < refused.size(); k++) {
                int offset = (k + 1) * PAPERS / (refused.size() + 1) + k;
                sent.add(offset, refused.get(k));
                refusedAt.put(offset, refused.get(k));
            }
            run.send(sent);
            run.closeWindows(List.of(), PROCESSING_TIMEOUT);

            // Step 2: six dead letters, each naming its stage, its place and its reason, timestamped when it failed
            List<ConsumerRecord<byte[], byte[]>> deadLetters = await("a dead letter of every refused record")
                    .atMost(PROCESSING_TIMEOUT)
                    .until(
                            () -> TestTopics.readAll(
                                    stack.bootstrapServers(), topics.deadLetters(), PROCESSING_TIMEOUT),
                            records -> records.size() >= refused.size() + 1);
            assertThat(deadLetters).as("dead letters").hasSize(refused.size() + 1);
            Instant now = Instant.now();
            Map<Integer, PaperAbstract> deadAt = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
                String message = header(record, DeadLetters.MESSAGE_HEADER);
                assertThat(Instant.ofEpochMilli(record.timestamp()))
                        .as("the time of the dead letter of %s", message)
                        .isBetween(testStart, now);
                assertThat(header(record, DeadLetters.PARTITION_HEADER)).isEqualTo("0");
                if (header(record, DeadLetters.TOPIC_HEADER).equals(topics.engagement())) {
                    assertThat(header(record, DeadLetters.STAGE_HEADER)).isEqualTo(TrendingTopology.OBSERVATION);
                    assertThat(header(record, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
                    assertThat(message)
                            .startsWith("observed at " + dayAhead + ", ")
                            .satisfies(aheadOfNow());
                    continue;
                }
                assertThat(header(record, DeadLetters.TOPIC_HEADER)).isEqualTo(topics.raw());
                assertThat(header(record, DeadLetters.STAGE_HEADER)).isEqualTo(EnrichTopology.ENRICH);
                int offset = Integer.parseInt(header(record, DeadLetters.OFFSET_HEADER));
                PaperAbstract paper = refusedAt.get(offset);
                assertThat(paper).as("the refused paper at offset %d", offset).isNotNull();
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(paper.getId());
                if (paper.getId().endsWith("-ahead")) {
                    assertThat(message)
                            .startsWith("published at " + paper.getPublishedAt() + ", ")
                            .satisfies(aheadOfNow());
                } else {
                    assertThat(message)
                            .startsWith("the paper's text is ")
                            .contains(" bytes (UTF-8), more than the 262144 of "
                                    + StreamsSettings.PAPER_MAX_BYTES.name());
                }
                // each keeps its value; the largest loses its stack trace, so that it fits a produce request
                assertThat(record.value())
                        .as("the value of %s", paper.getId())
                        .isEqualTo(refusedBytes.get(paper.getId()));
                assertThat(record.headers().lastHeader(DeadLetters.STACKTRACE_HEADER) == null)
                        .as("the stack trace of %s left out", paper.getId())
                        .isEqualTo(paper == nearLimit);
                deadAt.put(offset, paper);
            }
            assertThat(deadAt)
                    .as("dead letters of the refused papers, by offset")
                    .isEqualTo(refusedAt);

            // Step 3: every paper of the replay counts exactly once, all time and in its window: the papers ahead
            // did not move stream time past the replay's windows before their papers came
            run.assertCountsExact(deadLetters.size());

            // Step 4: it never stopped, and no stream thread died and was replaced
            assertThat(states.seen()).as("states since RUNNING").containsOnly(KafkaStreams.State.RUNNING);
            assertThat(app.streamThreads()).as("stream threads").isEqualTo(threadsAtStart);
        }
    }

    /** A copy of {@code paper} under its id plus {@code suffix}, with an abstract of {@code length} characters. */
    private static PaperAbstract withAbstractOf(PaperAbstract paper, String suffix, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(paper.getAbstract$()).append(' ');
        }
        return PaperAbstract.newBuilder(paper)
                .setId(paper.getId() + suffix)
                .setAbstract$(text.substring(0, length))
                .setOriginalAbstract(null)
                .build();
    }

    /** A copy of {@code paper} whose record on {@code topic} is exactly {@link #NEAR_MAX_REQUEST} bytes. */
    private PaperAbstract nearMaxRequest(PaperAbstract paper, String topic) {
        try (KafkaAvroSerializer<PaperAbstract> serializer = serializer()) {
            PaperAbstract guess = withAbstractOf(paper, "-near-limit", NEAR_MAX_REQUEST);
            int over = serializer.serialize(topic, guess).length - NEAR_MAX_REQUEST;
            PaperAbstract sized = withAbstractOf(paper, "-near-limit", NEAR_MAX_REQUEST - over);
            assertThat(serializer.serialize(topic, sized)).hasSize(NEAR_MAX_REQUEST);
            return sized;
        }
    }

    private KafkaAvroSerializer<PaperAbstract> serializer() {
        return new KafkaAvroSerializer<>(new HttpSchemaRegistryClient(stack.registryUrl()));
    }

    private static Consumer<String> aheadOfNow() {
        return message -> assertThat(message)
                .contains(" ahead of this instance's clock: more than the 55m of "
                        + StreamsSettings.EVENT_TIME_MAX_AHEAD.name());
    }
}
