package io.paperstream.it;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.streams.StreamsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A {@link PaperReplay} through a streams application under test, on a broker (or cluster) and registry: the
 * application's topics and settings, the producer of its input, its progress, the closing of its windows, and what
 * its output must be and is.
 */
final class ReplayRun implements AutoCloseable {

    /** Between the two closing rounds: Kafka Streams looks for closed windows at most once a second. */
    private static final Duration EMIT_INTERVAL = Duration.ofMillis(1_500);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final StackEndpoints endpoints;
    private final PipelineTopics topics;
    private final PaperReplay replay;
    private final ReplayProducer producer;
    private final StreamsGroupProgress progress;
    private final List<PaperAbstract> closing = new ArrayList<>();

    ReplayRun(StackEndpoints endpoints, PipelineTopics topics, PaperReplay replay) {
        this.endpoints = endpoints;
        this.topics = topics;
        this.replay = replay;
        this.producer = new ReplayProducer(endpoints, topics.raw());
        this.progress = new StreamsGroupProgress(endpoints.bootstrapServers(), topics.applicationId(), topics.raw());
    }

    /**
     * The settings every instance of the application under test shares: its topics, the broker and registry,
     * exactly-once, {@code partitions} partitions for the topics it creates, its serving API on a free port (several
     * instances run side by side), and a short session timeout so that a killed instance leaves the group after
     * 6 s (the broker's minimum) rather than 45 s.
     */
    Map<String, String> settings(int partitions) {
        Map<String, String> settings = new LinkedHashMap<>(topics.settings());
        settings.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), endpoints.bootstrapServers());
        settings.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), endpoints.registryUrl());
        settings.put(StreamsSettings.PROCESSING_GUARANTEE.name(), StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsSettings.TOPIC_PARTITIONS.name(), Integer.toString(partitions));
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
     * Closes every window of the replay: waits until the application has processed everything, then sends two
     * {@link PaperReplay#closingRound closing rounds} published at {@code closingTime}, each processed to the end.
     * {@code closingTime} must lie beyond the last window's end plus the grace.
     */
    void closeWindows(Instant closingTime, Collection<StreamsAppProcess> running, Duration timeout) {
        progress.awaitDrained(timeout, running);
        for (int round = 1; round <= 2; round++) {
            if (round > 1) {
                StreamsAppProcess.sleep(EMIT_INTERVAL);
            }
            List<PaperAbstract> events = replay.closingRound(round, closingTime);
            producer.sendAll(events);
            closing.addAll(events);
            progress.awaitDrained(timeout, running);
        }
    }

    /**
     * What the output must be: every replayed paper counted once all time and once in its (closed) window, every
     * closing paper counted once all time.
     */
    PipelineTotals expected(Duration windowSize) {
        return PipelineTotals.expected(replay.events(), closing, windowSize);
    }

    /** What the application wrote, read committed. */
    PipelineTotals actual() {
        return PipelineTotals.read(endpoints, topics.counts(), topics.windowed(), READ_TIMEOUT);
    }

    /** The records in the dead-letter topic (none, when every paper was processed). */
    int deadLetters() {
        return TestTopics.readAll(endpoints.bootstrapServers(), topics.deadLetters(), READ_TIMEOUT).size();
    }

    /** The records of the input topic: exactly one per paper sent when the producer wrote no duplicate. */
    int inputRecords() {
        return TestTopics.readAll(endpoints.bootstrapServers(), topics.raw(), READ_TIMEOUT).size();
    }

    @Override
    public void close() {
        producer.close();
        progress.close();
    }
}
