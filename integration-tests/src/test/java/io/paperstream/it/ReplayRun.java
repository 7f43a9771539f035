package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.settings.ValueType;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.waits.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PaperReplay} through a streams application under test, on a broker (or cluster) and registry: the
 * application's topics and settings, the producer of its input, its progress, the closing of its windows, and the
 * check that its output is exact. Windows are the default one-day windows with the grace the run is given.
 */
final class ReplayRun implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WINDOW_SIZE = StreamsSettings.WINDOW_SIZE.defaultValue();
    private static final Logger LOG = LoggerFactory.getLogger(ReplayRun.class);

    private final StackEndpoints endpoints;
    private final PipelineTopics topics;
    private final PaperReplay replay;
    private final Duration grace;
    private final ReplayProducer producer;
    private final StreamsGroupProgress progress;
    private final List<PaperAbstract> closing = new ArrayList<>();

    /**
     * A run of {@code replay} through the application on {@code topics}, with {@code grace} as
     * {@code paperstream.window.grace}: the default (1 h), or {@link PaperReplay#GRACE_OVER_SPAN} when the run
     * stops tasks for longer than {@code paperstream.window.source-idle}.
     */
    ReplayRun(StackEndpoints endpoints, PipelineTopics topics, PaperReplay replay, Duration grace) {
        this.endpoints = endpoints;
        this.topics = topics;
        this.replay = replay;
        this.grace = grace;
        this.producer = new ReplayProducer(endpoints, topics.raw());
        this.progress = new StreamsGroupProgress(endpoints.bootstrapServers(), topics.applicationId(), topics.raw());
    }

    /**
     * The settings every instance of the application under test shares: its topics, the broker and registry,
     * exactly-once, {@code partitions} partitions for the topics it creates, the run's grace, its serving API on a
     * free port (several instances run side by side), and a short session timeout so that a killed instance leaves
     * the group after 6 s (the broker's minimum) rather than 45 s.
     */
    Map<String, String> settings(int partitions) {
        Map<String, String> settings = new LinkedHashMap<>(topics.settings());
        settings.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), endpoints.bootstrapServers());
        settings.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), endpoints.registryUrl());
        settings.put(StreamsSettings.PROCESSING_GUARANTEE.name(), StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsSettings.KAFKA_TOPIC_PARTITIONS.name(), Integer.toString(partitions));
        settings.put(StreamsSettings.WINDOW_GRACE.name(), ValueType.DURATION.format(grace));
        settings.put(StreamsSettings.HTTP_PORT.name(), "0");
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1500");
        return settings;
    }

    /** Sends {@code events} to the input topic, acknowledged. */
    void send(List<PaperAbstract> events) {
        producer.sendAll(events);
    }

    StreamsGroupProgress progress() {
        return progress;
    }

    /**
     * Closes every window of the replay: waits until the application has processed everything, then sends the
     * replay's {@link PaperReplay#closers closers}, published a day after the last window's end plus the grace (so
     * the replay's windows close and the closers' own window stays open), and waits until they are processed and
     * topics.windowed holds as many window counts as the replay's closed windows. A count task that no closer
     * reaches from some raw partition closes its windows once that partition has sent nothing for
     * {@code paperstream.window.source-idle}.
     */
    void closeWindows(Collection<StreamsAppProcess> running, Duration timeout) {
        progress.awaitDrained(timeout, running);
        Instant closingTime = replay.end().plus(WINDOW_SIZE).plus(grace).plus(Duration.ofDays(1));
        List<PaperAbstract> closers = replay.closers(closingTime);
        producer.sendAll(closers);
        closing.addAll(closers);
        progress.awaitDrained(timeout, running);
        int windows = expected().windows().size();
        try {
            Waits.await("topics.windowed to hold the " + windows + " counts of the replay's closed windows")
                    .atMost(timeout)
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast(() -> running.forEach(StreamsAppProcess::assertAlive))
                    .until(() -> publishedWindows() >= windows);
        } catch (ConditionTimeoutException e) {
            // windows missing for good (papers lost from them): the exact comparison after shows which
            LOG.warn("{}", e.getMessage());
        }
    }

    private int publishedWindows() {
        return TestTopics.readAll(endpoints.bootstrapServers(), topics.windowed(), READ_TIMEOUT)
                .size();
    }

    private PipelineTotals expected() {
        return PipelineTotals.expected(replay.events(), closing, WINDOW_SIZE);
    }

    /**
     * Asserts that the output is exactly what the classifier gives for the papers sent, read committed: no dead
     * letter; no record of the run's topics and changelogs deleted by the broker; per topic, the all-time count of
     * every paper; per topic and closed window, one final count of the replayed papers published in it. Nothing
     * lost, nothing counted twice, no window published twice.
     */
    void assertCountsExact() {
        assertCountsExact(0);
    }

    /** {@link #assertCountsExact()}, beside {@code deadLetters} records of the input that went to the dead letters. */
    void assertCountsExact(int deadLetters) {
        assertThat(deadLetters()).as("dead letters").isEqualTo(deadLetters);
        assertNothingDeletedByRetention();
        PipelineTotals expected = expected();
        PipelineTotals actual = PipelineTotals.read(endpoints, topics.counts(), topics.windowed(), READ_TIMEOUT);
        LOG.info(
                "expected {} papers in {} topics and {} window counts; read {} papers, {} window counts",
                expected.papers(),
                expected.counts().size(),
                expected.windows().size(),
                actual.papers(),
                actual.windows().size());
        assertThat(actual.papers()).as("papers counted (primary counts summed)").isEqualTo(expected.papers());
        assertThat(actual.counts()).as("all-time counts per topic").isEqualTo(expected.counts());
        // the differences only: the full lists hold hundreds of window counts
        assertThat(without(expected.windows(), actual.windows()))
                .as("window counts expected but not published (papers lost from windows, or windows never published)")
                .isEmpty();
        assertThat(without(actual.windows(), expected.windows()))
                .as("window counts published but not expected (wrong counts, or windows published twice)")
                .isEmpty();
    }

    /**
     * Asserts that the broker deleted no record of the run's topics: replayed papers carry publication times from
     * 2025, so a topic or changelog left with a time-based retention loses its first segments at a retention check
     * (every 10 s on the test broker), and a store restored from such a changelog silently misses state. Repartition
     * topics are left out: Kafka Streams deletes their records itself once processed.
     */
    private void assertNothingDeletedByRetention() {
        Map<TopicPartition, Long> trimmed = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        progress.logStartOffsets(topics.prefix()).forEach((partition, start) -> {
            if (start > 0 && !partition.topic().endsWith("-repartition")) {
                trimmed.put(partition, start);
            }
        });
        assertThat(trimmed)
                .as("partitions whose first records the broker deleted (log start offset > 0)")
                .isEmpty();
    }

    /** {@code all} without one occurrence of each element of {@code removed}: a multiset difference. */
    private static List<PipelineTotals.WindowCount> without(
            List<PipelineTotals.WindowCount> all, List<PipelineTotals.WindowCount> removed) {
        List<PipelineTotals.WindowCount> rest = new ArrayList<>(all);
        removed.forEach(rest::remove);
        return rest;
    }

    /** The records in the dead-letter topic (none, when every paper was processed). */
    private int deadLetters() {
        return TestTopics.readAll(endpoints.bootstrapServers(), topics.deadLetters(), READ_TIMEOUT)
                .size();
    }

    /** The records of the input topic: exactly one per paper sent when the producer wrote no duplicate. */
    int inputRecords() {
        return TestTopics.readAll(endpoints.bootstrapServers(), topics.raw(), READ_TIMEOUT)
                .size();
    }

    @Override
    public void close() {
        producer.close();
        progress.close();
    }
}
