package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import io.paperstream.streams.CountTopology;
import io.paperstream.streams.PaperRevision;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.streams.StoreNames;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TrendOutput;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The serving stage: state stores that the API reads beside the pipeline's own (papers by id, each
 * closed window's trends and digest), and the hooks that put new papers,
 * counts, closed windows, trends and digests on the live stream as they are emitted.
 *
 * <p>Every instance of an application must build the same topology, so the stores are part of it
 * whether this instance serves HTTP or not.
 */
public final class ServingTopology {

    private final PaperstreamSerdes serdes;
    private final Views views;
    private final Consumer<LiveEvent> events;
    private final Optional<PaperSearch> search;

    /**
     * @param serdes the Avro serdes of the stores
     * @param views turns records into what the live stream sends
     * @param events receives the live events (called on stream threads; must not block)
     * @param search receives the search index of each partition of the served papers; empty keeps no index (an
     *     instance without the HTTP API, which alone searches)
     */
    public ServingTopology(
            PaperstreamSerdes serdes, Views views, Consumer<LiveEvent> events, Optional<PaperSearch> search) {
        this.serdes = serdes;
        this.views = views;
        this.events = events;
        this.search = search;
    }

    /** Adds the stage beside the pipeline's stages, fed by what they emit. */
    public void build(
            StreamsBuilder builder,
            StreamsSettings settings,
            KStream<String, PaperRevision<ClassifiedPaper>> revisions,
            CountTopology.Outputs counts,
            KStream<String, TrendOutput> trendOutputs) {
        revisions.process(
                () -> new ServedPapersProcessor(views, events, search),
                Named.as(StoreNames.SERVED_PAPERS),
                StoreNames.SERVED_PAPERS);

        counts.counts()
                .peek(
                        (topic, count) -> events.accept(new LiveEvent(LiveEvent.COUNT, views.count(topic, count))),
                        Named.as("live-topic-counts"));
        counts.closedWindows()
                .peek(
                        (topic, count) -> events.accept(new LiveEvent(LiveEvent.WINDOW, views.closedWindow(count))),
                        Named.as("live-topic-windows"));

        addStore(builder, StoreNames.SERVED_TOPIC_TRENDS, serdes.value(TopicTrend.class));
        addStore(builder, StoreNames.SERVED_KEYWORD_TRENDS, serdes.value(KeywordTrend.class));
        addStore(builder, StoreNames.SERVED_DIGESTS, serdes.value(DailyDigest.class));
        trendOutputs.process(
                () -> new ServedTrendsProcessor(views, events, settings.windowRetention()),
                Named.as("served-trends"),
                StoreNames.SERVED_TOPIC_TRENDS,
                StoreNames.SERVED_KEYWORD_TRENDS,
                StoreNames.SERVED_DIGESTS);
    }

    private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> valueSerde) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
    }
}
