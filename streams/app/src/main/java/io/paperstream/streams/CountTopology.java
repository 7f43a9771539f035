package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.trends.WindowGrid;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

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
 * counts but no longer the closed window. The windowed counts are {@link TopicWindowProcessor}'s, which closes
 * windows at the slowest raw partition's time.
 */
public final class CountTopology {

    public static final String DELTAS = "topic-deltas";

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
        KStream<String, TopicDelta> deltas = revisions
                .process(
                        () -> new TopicDeltaProcessor(grid, flushInterval),
                        Named.as(DELTAS),
                        StoreNames.TOPIC_DELTA_BUFFER)
                .repartition(Repartitioned.<String, TopicDelta>as(DELTAS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(TopicDelta.serde()));

        KStream<String, TopicCount> counts = deltas.groupByKey()
                .aggregate(
                        TopicWindowProcessor::zero,
                        (topic, delta, count) -> delta.applyTo(topic, count),
                        Named.as(StoreNames.TOPIC_COUNTS),
                        Materialized.<String, TopicCount, KeyValueStore<Bytes, byte[]>>as(StoreNames.TOPIC_COUNTS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(serdes.value(TopicCount.class)))
                .toStream(Named.as("topic-count-changes"));
        counts.to(
                KafkaTopics.TOPIC_COUNTS.name(settings),
                KafkaTopics.TOPIC_COUNTS.produced(serdes, "topics-counts-sink"));

        addWindowStores(builder, settings);
        boolean earlyUpdates = settings.get(StreamsSettings.WINDOW_EARLY_UPDATES);
        long graceMs = settings.get(StreamsSettings.WINDOW_GRACE).toMillis();
        long sourceIdleMs = settings.get(StreamsSettings.WINDOW_SOURCE_IDLE).toMillis();
        KStream<String, TopicWindowCount> windows = deltas.process(
                () -> new TopicWindowProcessor(grid, graceMs, sourceIdleMs, earlyUpdates),
                Named.as(StoreNames.TOPIC_WINDOW_COUNTS),
                StoreNames.TOPIC_WINDOW_COUNTS,
                StoreNames.TOPIC_WINDOW_SOURCES);
        KStream<String, TopicWindowCount> closedWindows =
                windows.filter((topic, count) -> count.getFinal$(), Named.as("topic-windows-closed"));
        closedWindows.to(
                KafkaTopics.WINDOW_COUNTS.name(settings),
                KafkaTopics.WINDOW_COUNTS.produced(serdes, "topics-windowed-sink"));
        if (earlyUpdates) {
            windows.filterNot((topic, count) -> count.getFinal$(), Named.as("topic-windows-updated"))
                    .to(
                            KafkaTopics.WINDOW_COUNT_UPDATES.name(settings),
                            KafkaTopics.WINDOW_COUNT_UPDATES.produced(serdes, "topics-windowed-updates-sink"));
        }
        return new Outputs(counts, closedWindows);
    }

    private void addWindowStores(StreamsBuilder builder, StreamsSettings settings) {
        // kept beyond size + grace so that the serving API can show each topic's recent history
        builder.addStateStore(Stores.timestampedWindowStoreBuilder(
                        Stores.persistentTimestampedWindowStore(
                                StoreNames.TOPIC_WINDOW_COUNTS,
                                settings.windowRetention(),
                                settings.get(StreamsSettings.WINDOW_SIZE),
                                false),
                        Serdes.String(),
                        serdes.value(TopicCount.class))
                .withLoggingEnabled(settings.windowedChangelogConfig()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.TOPIC_WINDOW_SOURCES), Serdes.String(), Serdes.Long())
                // a source's times are put per change: the cache writes them to the changelog once per commit
                .withCachingEnabled());
    }
}
