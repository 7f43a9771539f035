package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.engagement.VelocityParameters;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 5, trending papers. Engagement observations (papers.engagement, keyed and partitioned like the papers) meet
 * the classified papers in the task that holds each paper, where {@link EngagementProcessor} keeps the paper's
 * engagement history and sends the papers with engagement, as {@link TrendingCandidate}s, to one internal partition;
 * there {@link TrendingProcessor} ranks them by engagement velocity and writes each new ranking to papers.trending.
 * The trend stage reads the same candidates for its digests' "Trending papers".
 */
public final class TrendingTopology {

    public static final String ENGAGEMENT_SOURCE = "engagement-source";
    /** Processor name of the engagement input's first stage, the {@link DeadLetters#STAGE_HEADER} of its failures. */
    public static final String OBSERVATION = "trending-observation";
    /** Processor name of the per-paper stage, also the {@link DeadLetters#STAGE_HEADER} of records it fails on. */
    public static final String ENGAGEMENT = "engagement";

    public static final String CANDIDATES = "trending-candidates";
    /** Processor name, also the {@link DeadLetters#STAGE_HEADER} of records it fails on. */
    public static final String TRENDING = "trending";
    /** The key of every ranking on papers.trending, and of the last ranking in its store. */
    public static final String LATEST = "latest";

    private final PaperstreamSerdes serdes;

    public TrendingTopology(PaperstreamSerdes serdes) {
        this.serdes = serdes;
    }

    /**
     * Adds the stage, fed by the revisions of {@link ClassifyTopology} (whose task holds {@value
     * StoreNames#SERVED_PAPERS}) and by papers.engagement.
     */
    public KStream<String, TrendingPapers> build(
            StreamsBuilder builder,
            StreamsSettings settings,
            KStream<String, PaperRevision<ClassifiedPaper>> revisions) {
        addStores(builder);
        VelocityParameters parameters = settings.velocityParameters();
        KStream<String, TrendingInput> papers =
                revisions.mapValues(revision -> TrendingInput.paper(revision.current()), Named.as("trending-card"));
        EventTimeLimit limit = EventTimeLimit.of(settings);
        KStream<String, TrendingInput> observations = builder.stream(
                        KafkaTopics.ENGAGEMENT.name(settings),
                        KafkaTopics.ENGAGEMENT
                                .consumed(serdes, ENGAGEMENT_SOURCE)
                                .withTimestampExtractor(new ObservedAtTimestampExtractor(limit)))
                .processValues(
                        limit.checked(
                                "observed at",
                                PaperEngagement::getObservedAt,
                                (paperId, engagement) -> TrendingInput.observation(engagement)),
                        Named.as(OBSERVATION));
        KStream<String, TrendingPapers> rankings = papers.merge(observations, Named.as("trending-merge"))
                .process(
                        () -> new EngagementProcessor(parameters),
                        Named.as(ENGAGEMENT),
                        StoreNames.TRENDING_HISTORIES,
                        StoreNames.SERVED_PAPERS)
                // ranking needs every candidate in one task
                .repartition(Repartitioned.<String, TrendingCandidate>as(CANDIDATES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(TrendingCandidate.serde())
                        .withNumberOfPartitions(1))
                .process(
                        () -> new TrendingProcessor(parameters, settings.get(StreamsSettings.TRENDING_TOP_N)),
                        Named.as(TRENDING),
                        StoreNames.TRENDING_CANDIDATES,
                        StoreNames.TRENDING_RANKING);
        rankings.to(KafkaTopics.TRENDING.name(settings), KafkaTopics.TRENDING.produced(serdes, "papers-trending-sink"));
        return rankings;
    }

    private void addStores(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TRENDING_HISTORIES),
                Serdes.String(),
                TrendingCandidate.historySerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TRENDING_CANDIDATES),
                Serdes.String(),
                TrendingCandidate.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TRENDING_RANKING),
                Serdes.String(),
                KafkaTopics.TRENDING.valueSerde(serdes)));
    }
}
