package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TrendingPapers;
import io.paperstream.engagement.EngagementHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 5, trending papers: every classified paper's card and every engagement observation of papers.engagement go
 * to one internal partition, where {@link TrendingProcessor} ranks the papers by engagement velocity and writes each
 * new ranking to papers.trending.
 */
public final class TrendingTopology {

    public static final String ENGAGEMENT_SOURCE = "engagement-source";
    public static final String INPUTS = "trending-inputs";
    /** Processor name, also the {@link DeadLetters#STAGE_HEADER} of records it fails on. */
    public static final String TRENDING = "trending";
    /** The key of every ranking on papers.trending, and of the last ranking in its store. */
    public static final String LATEST = "latest";

    private final PaperstreamSerdes serdes;

    public TrendingTopology(PaperstreamSerdes serdes) {
        this.serdes = serdes;
    }

    /** Adds the stage, fed by the revisions of {@link ClassifyTopology} and by papers.engagement. */
    public KStream<String, TrendingPapers> build(
            StreamsBuilder builder,
            StreamsSettings settings,
            KStream<String, PaperRevision<ClassifiedPaper>> revisions) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TRENDING_HISTORIES), Serdes.String(), historySerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TRENDING_CARDS), Serdes.String(), cardSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TRENDING_RANKING),
                Serdes.String(),
                KafkaTopics.TRENDING.valueSerde(serdes)));

        KStream<String, TrendingInput> cards =
                revisions.mapValues(revision -> TrendingInput.card(revision.current()), Named.as("trending-card"));
        KStream<String, TrendingInput> observations = builder.stream(
                        KafkaTopics.ENGAGEMENT.name(settings),
                        KafkaTopics.ENGAGEMENT
                                .consumed(serdes, ENGAGEMENT_SOURCE)
                                .withTimestampExtractor(new ObservedAtTimestampExtractor()))
                .mapValues(TrendingInput::observation, Named.as("trending-observation"));
        KStream<String, TrendingPapers> rankings = cards.merge(observations, Named.as("trending-merge"))
                // ranking needs every paper in one task
                .repartition(Repartitioned.<String, TrendingInput>as(INPUTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(TrendingInput.serde())
                        .withNumberOfPartitions(1))
                .process(
                        () -> new TrendingProcessor(
                                settings.velocityParameters(), settings.get(StreamsSettings.TRENDING_TOP_N)),
                        Named.as(TRENDING),
                        StoreNames.TRENDING_HISTORIES,
                        StoreNames.TRENDING_CARDS,
                        StoreNames.TRENDING_RANKING);
        rankings.to(KafkaTopics.TRENDING.name(settings), KafkaTopics.TRENDING.produced(serdes, "papers-trending-sink"));
        return rankings;
    }

    static Serde<EngagementHistory> historySerde() {
        return new BinarySerde<>(
                1,
                (out, history) -> {
                    for (Map<Long, Long> totals : List.of(history.upvotes(), history.stars())) {
                        out.writeInt(totals.size());
                        for (Map.Entry<Long, Long> total : totals.entrySet()) {
                            out.writeLong(total.getKey());
                            out.writeLong(total.getValue());
                        }
                    }
                },
                in -> {
                    List<Map<Long, Long>> metrics = new ArrayList<>(2);
                    for (int metric = 0; metric < 2; metric++) {
                        int size = in.readInt();
                        Map<Long, Long> totals = new TreeMap<>();
                        for (int i = 0; i < size; i++) {
                            totals.put(in.readLong(), in.readLong());
                        }
                        metrics.add(totals);
                    }
                    return EngagementHistory.of(metrics.get(0), metrics.get(1));
                });
    }

    static Serde<TrendingInput.Card> cardSerde() {
        return new BinarySerde<>(1, TrendingInput::writeCard, TrendingInput::readCard);
    }
}
