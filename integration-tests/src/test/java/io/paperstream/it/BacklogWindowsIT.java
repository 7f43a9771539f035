package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.DailyDigest;
import io.paperstream.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A backlog drained from several partitions keeps every paper in its window, with the default grace (1 h): the
 * papers are all in a four-partition input topic before the application starts, so its one stream thread reads the
 * partitions at different paces and runs their tasks days apart in event time. Windows close at the time of the
 * slowest partition still sending, not at the latest time any partition reached: every window count is exact, and
 * every day's digest holds every paper published that day. (Before, the bench's own replay of this shape lost more
 * than half its papers from windows, trends and digests.)
 */
@RealKafkaStack
class BacklogWindowsIT {

    private static final int PAPERS = 8_000;
    private static final int PARTITIONS = 4;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(180);

    private final StackEndpoints stack;

    BacklogWindowsIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void aBacklogInFourPartitionsLosesNoPaperFromItsWindowsOrDigests() {
        PipelineTopics topics = PipelineTopics.unique("it-backlog-windows");
        TestTopics.create(stack.bootstrapServers(), topics.raw(), PARTITIONS);
        PaperReplay replay = PaperReplay.generate(topics.prefix(), PAPERS, 20261207L);
        try (ReplayRun run = new ReplayRun(stack, topics, replay, StreamsSettings.WINDOW_GRACE.defaultValue())) {
            // Step 1: the whole replay waits in the input before the application starts
            run.send(replay.events());
            try (StreamsAppRun app = StreamsAppRun.start(
                    stack,
                    topics,
                    Map.of(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), Integer.toString(PARTITIONS)))) {
                // Step 2: drained, then the closers close every window of the replay
                run.closeWindows(List.of(), PROCESSING_TIMEOUT);
            }

            // Step 3: window counts exact, and each day's digest has all of that day's papers
            run.assertCountsExact();
            Map<String, Long> papersPerDay = replay.events().stream()
                    .collect(Collectors.groupingBy(
                            paper -> day(paper.getPublishedAt()), TreeMap::new, Collectors.counting()));
            Map<String, Long> digested =
                    AvroTopic.latestByKey(AvroTopic.read(stack, topics.digests(), DailyDigest.class)).values().stream()
                            .collect(Collectors.toMap(
                                    DailyDigest::getDay, DailyDigest::getPapersInWindow, (a, b) -> a, TreeMap::new));
            assertThat(digested).as("papers in each day's digest").isEqualTo(papersPerDay);
        }
    }

    private static String day(Instant time) {
        return time.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
