package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.trends.Baseline;
import io.paperstream.trends.TrendScorer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 4, trends and digests: every new or revised paper goes to one internal partition, where
 * {@link TrendWindowProcessor} keeps each open window's papers and, per closed window, writes the
 * top rising topics to trends.topics, the top rising keyphrases to trends.keywords and the
 * window's digest to digests.daily, with the trending papers of {@link TrendingTopology}'s candidates at the
 * window's end. Add it after {@link TrendingTopology}, whose store it reads.
 */
public final class TrendTopology {

    public static final String SIGHTINGS = "trend-sightings";
    /** Processor name, also the {@link DeadLetters#STAGE_HEADER} of records it fails on. */
    public static final String TRENDS = "trends";

    private final PaperstreamSerdes serdes;
    private final Function<String, String> topicLabel;

    /**
     * @param serdes the Avro serdes
     * @param topicLabel human-readable name of a topic id, for digests
     */
    public TrendTopology(PaperstreamSerdes serdes, Function<String, String> topicLabel) {
        this.serdes = serdes;
        this.topicLabel = topicLabel;
    }

    /**
     * Adds the stage, fed by the revisions of {@link ClassifyTopology}; returns what it emits per
     * closed window: its rising topics and keyphrases by rank, then its digest.
     */
    public KStream<String, TrendOutput> build(
            StreamsBuilder builder,
            StreamsSettings settings,
            KStream<String, PaperRevision<ClassifiedPaper>> revisions) {
        addStores(builder, settings);
        TrendScorer scorer = new TrendScorer(settings.trendParameters());
        long graceMs = settings.get(StreamsSettings.WINDOW_GRACE).toMillis();
        long sourceIdleMs = settings.get(StreamsSettings.WINDOW_SOURCE_IDLE).toMillis();
        DigestLayout digestLayout = DigestLayout.of(settings, topicLabel);

        KStream<String, TrendOutput> outputs = revisions
                .process(SightingProcessor::new, Named.as(SIGHTINGS))
                // ranking needs all keys of a window in one task
                .repartition(Repartitioned.<String, PaperSighting>as(SIGHTINGS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(PaperSighting.serde())
                        .withNumberOfPartitions(1))
                .process(
                        () -> new TrendWindowProcessor(
                                settings.windowGrid(),
                                graceMs,
                                sourceIdleMs,
                                scorer,
                                digestLayout,
                                settings.velocityParameters()),
                        Named.as(TRENDS),
                        StoreNames.TREND_WINDOW_PAPERS,
                        StoreNames.TREND_BASELINES,
                        StoreNames.TREND_HISTORY,
                        StoreNames.KEYPHRASE_WINDOW_COUNTS,
                        // the digests' trending papers: this joins the trending stage's task (both one partition)
                        StoreNames.TRENDING_CANDIDATES);

        outputs.split(Named.as("trend-output-"))
                .branch(
                        (key, value) -> value.topicTrend().isPresent(),
                        Branched.withConsumer(
                                topics -> topics.mapValues(
                                                value -> value.topicTrend().orElseThrow(), Named.as("topic-trend"))
                                        .to(
                                                KafkaTopics.TOPIC_TRENDS.name(settings),
                                                KafkaTopics.TOPIC_TRENDS.produced(serdes, "trends-topics-sink")),
                                "topics"))
                .branch(
                        (key, value) -> value.keywordTrend().isPresent(),
                        Branched.withConsumer(
                                keywords -> keywords.mapValues(
                                                value -> value.keywordTrend().orElseThrow(), Named.as("keyword-trend"))
                                        .to(
                                                KafkaTopics.KEYWORD_TRENDS.name(settings),
                                                KafkaTopics.KEYWORD_TRENDS.produced(serdes, "trends-keywords-sink")),
                                "keywords"))
                .branch(
                        (key, value) -> value.dailyDigest().isPresent(),
                        Branched.withConsumer(
                                digests -> digests.mapValues(
                                                value -> value.dailyDigest().orElseThrow(), Named.as("daily-digest"))
                                        .to(
                                                KafkaTopics.DIGESTS.name(settings),
                                                KafkaTopics.DIGESTS.produced(serdes, "digests-daily-sink")),
                                "digests"))
                .noDefaultBranch();
        return outputs;
    }

    private static void addStores(StreamsBuilder builder, StreamsSettings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TREND_WINDOW_PAPERS),
                Serdes.String(),
                PaperSighting.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TREND_BASELINES), Serdes.String(), baselineSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.TREND_HISTORY), Serdes.String(), Serdes.Long())
                // the papers' stream time is put per paper: the cache writes it to the changelog once per commit
                .withCachingEnabled());

        // the serving API's keyphrase history; keyed by the window's start, so old windows go with their segments
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                StoreNames.KEYPHRASE_WINDOW_COUNTS,
                                settings.windowRetention(),
                                settings.get(StreamsSettings.WINDOW_SIZE),
                                false),
                        Serdes.String(),
                        Serdes.Long())
                .withLoggingEnabled(settings.windowedChangelogConfig()));
    }

    static Serde<Baseline> baselineSerde() {
        return new BinarySerde<>(
                1,
                (out, b) -> {
                    out.writeDouble(b.weightedCount());
                    out.writeDouble(b.weightedSquare());
                    out.writeLong(b.lastWindow());
                },
                in -> new Baseline(in.readDouble(), in.readDouble(), in.readLong()));
    }
}
