package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Papers and engagement dated ahead of now, on a real broker: Kafka 4 refuses records timestamped more than {@code
 * log.message.timestamp.after.max.ms} (an hour) ahead, and the pipeline's records carry their paper's event time.
 * Papers published two hours, three days and a year and a half after now, and an observation made a day after now,
 * interleaved with a replay of the corpus: each is a dead letter that says where it was and why, timestamped when it
 * failed; every other paper counts exactly once, all time and in its window (the papers ahead did not move stream
 * time and close the replay's windows); the application stays RUNNING with the same stream threads.
 */
@RealKafkaStack
class FutureDatedInputIT {

    private static final int PAPERS = 600;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(120);

    private final StackEndpoints stack;

    FutureDatedInputIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void inputDatedTooFarAheadIsADeadLetterAndEverythingElseCountsExactly() throws InterruptedException {
        PipelineTopics topics = PipelineTopics.unique("it-future");
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261206L);
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue());
                StreamsAppRun app = StreamsAppRun.start(stack, topics, Map.of());
                StatePolling states = new StatePolling(app)) {
            Set<String> threadsAtStart = app.streamThreads();
            Instant testStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            // Step 1: an observation of the replay's first paper made a day ahead, then the replay (one raw
            // partition, so offsets are positions) with three papers ahead of now among its papers, then two
            // rounds of papers that close every window of the replay
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
            Map<Integer, PaperAbstract> aheadAt = new TreeMap<>();
            List<Duration> aheadBy = List.of(Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(540));
            List<PaperAbstract> sent = new ArrayList<>(replay.events());
            for (int k = 0; k < aheadBy.size(); k++) {
                int position = (k + 1) * PAPERS / 4;
                PaperAbstract ahead = PaperAbstract.newBuilder(replay.events().get(position))
                        .setId(replay.events().get(position).getId() + "-ahead")
                        .setPublishedAt(testStart.plus(aheadBy.get(k)).truncatedTo(ChronoUnit.SECONDS))
                        .build();
                sent.add(position + k, ahead);
                aheadAt.put(position + k, ahead);
            }
            run.send(sent);
            run.closeWindows(List.of(), PROCESSING_TIMEOUT);

            // Step 2: four dead letters, each naming its stage, its place and its time, timestamped when it failed
            List<ConsumerRecord<byte[], byte[]>> deadLetters = await().atMost(PROCESSING_TIMEOUT)
                    .until(
                            () -> TestTopics.readAll(
                                    stack.bootstrapServers(), topics.deadLetters(), PROCESSING_TIMEOUT),
                            records -> records.size() >= aheadAt.size() + 1);
            assertThat(deadLetters).as("dead letters").hasSize(aheadAt.size() + 1);
            Instant now = Instant.now();
            Map<Integer, PaperAbstract> deadAt = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
                String message = header(record, DeadLetters.MESSAGE_HEADER);
                assertThat(Instant.ofEpochMilli(record.timestamp()))
                        .as("the time of the dead letter of %s", message)
                        .isBetween(testStart, now);
                assertThat(message)
                        .contains(" ahead of this instance's clock: more than the 55m of "
                                + StreamsSettings.EVENT_TIME_MAX_AHEAD.name());
                assertThat(header(record, DeadLetters.PARTITION_HEADER)).isEqualTo("0");
                if (header(record, DeadLetters.TOPIC_HEADER).equals(topics.engagement())) {
                    assertThat(header(record, DeadLetters.STAGE_HEADER)).isEqualTo(TrendingTopology.OBSERVATION);
                    assertThat(header(record, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
                    assertThat(message).startsWith("observed at " + dayAhead + ", ");
                    continue;
                }
                assertThat(header(record, DeadLetters.TOPIC_HEADER)).isEqualTo(topics.raw());
                assertThat(header(record, DeadLetters.STAGE_HEADER)).isEqualTo(EnrichTopology.ENRICH);
                int offset = Integer.parseInt(header(record, DeadLetters.OFFSET_HEADER));
                PaperAbstract paper = aheadAt.get(offset);
                assertThat(paper).as("the paper ahead at offset %d", offset).isNotNull();
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(paper.getId());
                assertThat(message).startsWith("published at " + paper.getPublishedAt() + ", ");
                deadAt.put(offset, paper);
            }
            assertThat(deadAt).as("dead letters of the papers ahead, by offset").isEqualTo(aheadAt);

            // Step 3: every paper of the replay counts exactly once, all time and in its window: the papers ahead
            // did not move stream time past the replay's windows before their papers came
            run.assertCountsExact(deadLetters.size());

            // Step 4: it never stopped, and no stream thread died and was replaced
            assertThat(states.seen()).as("states since RUNNING").containsOnly(KafkaStreams.State.RUNNING);
            assertThat(app.streamThreads()).as("stream threads").isEqualTo(threadsAtStart);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
