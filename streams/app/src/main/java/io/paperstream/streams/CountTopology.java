package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.trends.WindowGrid;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Stage 3, counts per topic: all time to topics.counts, and per event-time window to
 * topics.windowed (the final result when the window closes) and, optionally, every update of
 * open windows to the early-updates topic.
 *
 * <p>Both sum the changes of {@link TopicDeltaProcessor} (which sums them per topic and slice of
 * event time first, so the repartition topic carries one record per topic and slice per flush): a revision subtracts the old
 * classification and adds the new one, so a paper counts once whatever happens to it (the
 * table semantics of a grouped KTable with adder and subtractor, for papers that have several
 * topics). A window is final once closed: a revision arriving later still moves the all-time
 * counts but no longer the closed window.
 */
public final class CountTopology {

    public static final String DELTAS = "topic-deltas";

    /** The two results of the windowed counts; each has its own store, which also names its processors. */
    private enum WindowResults {
        /** The final count of each closed window, emitted once when it closes. */
        CLOSED(StoreNames.TOPIC_WINDOW_COUNTS),
        /** Every update of an open window's count, marked as not final. */
        EARLY_UPDATES(StoreNames.TOPIC_WINDOW_UPDATES);

        private final String store;

        WindowResults(String store) {
            this.store = store;
        }

        boolean isFinal() {
            return this == CLOSED;
        }

        EmitStrategy emitStrategy() {
            return isFinal() ? EmitStrategy.onWindowClose() : EmitStrategy.onWindowUpdate();
        }
    }

    /**
     * What the stage emits, for views beside the output topics.
     *
     * @param counts every change of a topic's all-time count
     * @param closedWindows the final count of each topic in each closed window
     */
    public record Outputs(KStream<String, TopicCount> counts, KStream<String, TopicWindowCount> closedWindows) {}

    private final PaperstreamSerdes serdes;

    public CountTopology(PaperstreamSerdes serdes) {
        this.serdes = serdes;
    }

    /** Adds the stage, fed by the revisions of {@link ClassifyTopology}. */
    public Outputs build(
            StreamsBuilder builder,
            StreamsSettings settings,
            KStream<String, PaperRevision<ClassifiedPaper>> revisions) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StoreNames.TOPIC_DELTA_BUFFER),
                        Serdes.String(),
                        TopicDeltaProcessor.PendingDelta.serde())
                // the cache keeps a sum's every change between commits out of the changelog
                .withCachingEnabled());
        WindowGrid grid = settings.windowGrid();
        Duration flushInterval = settings.get(StreamsSettings.COUNTS_FLUSH_INTERVAL);
        KGroupedStream<String, TopicDelta> deltas = revisions
                .process(
                        () -> new TopicDeltaProcessor(grid, flushInterval),
                        Named.as(DELTAS),
                        StoreNames.TOPIC_DELTA_BUFFER)
                .repartition(Repartitioned.<String, TopicDelta>as(DELTAS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(TopicDelta.serde()))
                .groupByKey();

        KStream<String, TopicCount> counts = deltas.aggregate(
                        CountTopology::zero,
                        (topic, delta, count) -> delta.applyTo(topic, count),
                        Named.as(StoreNames.TOPIC_COUNTS),
                        Materialized.<String, TopicCount, KeyValueStore<Bytes, byte[]>>as(StoreNames.TOPIC_COUNTS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(serdes.value(TopicCount.class)))
                .toStream(Named.as("topic-count-changes"));
        counts.to(
                KafkaTopics.TOPIC_COUNTS.name(settings),
                KafkaTopics.TOPIC_COUNTS.produced(serdes, "topics-counts-sink"));

        KStream<String, TopicWindowCount> closedWindows = windowCounts(deltas, WindowResults.CLOSED, settings);
        closedWindows.to(
                KafkaTopics.WINDOW_COUNTS.name(settings),
                KafkaTopics.WINDOW_COUNTS.produced(serdes, "topics-windowed-sink"));
        if (settings.get(StreamsSettings.WINDOW_EARLY_UPDATES)) {
            windowCounts(deltas, WindowResults.EARLY_UPDATES, settings)
                    .to(
                            KafkaTopics.WINDOW_COUNT_UPDATES.name(settings),
                            KafkaTopics.WINDOW_COUNT_UPDATES.produced(serdes, "topics-windowed-updates-sink"));
        }
        return new Outputs(counts, closedWindows);
    }

    private KStream<String, TopicWindowCount> windowCounts(
            KGroupedStream<String, TopicDelta> deltas, WindowResults results, StreamsSettings settings) {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(
                        settings.get(StreamsSettings.WINDOW_SIZE), settings.get(StreamsSettings.WINDOW_GRACE))
                .advanceBy(settings.windowAdvance());
        String store = results.store;
        return deltas.windowedBy(windows)
                .emitStrategy(results.emitStrategy())
                .aggregate(
                        CountTopology::zero,
                        (topic, delta, count) -> delta.applyTo(topic, count),
                        Named.as(store),
                        // kept beyond size + grace so that the serving API can show each topic's recent history
                        Materialized.<String, TopicCount, WindowStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(serdes.value(TopicCount.class))
                                .withRetention(settings.windowRetention())
                                .withLoggingEnabled(settings.windowedChangelogConfig()))
                .toStream(Named.as(store + "-changes"))
                .map(
                        (window, count) -> KeyValue.pair(window.key(), windowCount(window, count, results.isFinal())),
                        Named.as(store + "-records"));
    }

    private static TopicWindowCount windowCount(Windowed<String> window, TopicCount count, boolean isFinal) {
        return TopicWindowCount.newBuilder()
                .setTopic(window.key())
                .setWindowStart(Instant.ofEpochMilli(window.window().start()))
                .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
                .setPrimaryCount(count.getPrimaryCount())
                .setAnyCount(count.getAnyCount())
                .setFinal$(isFinal)
                .build();
    }

    private static TopicCount zero() {
        return TopicCount.newBuilder()
                .setTopic("")
                .setPrimaryCount(0L)
                .setAnyCount(0L)
                .build();
    }
}
