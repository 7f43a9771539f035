package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.TopicTrend;
import io.paperstream.streams.CountTopology;
import io.paperstream.streams.PaperRevision;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.streams.StreamsSettings;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The serving stage: state stores that the API reads beside the pipeline's own (papers by id, the
 * most recent papers, each closed window's trends and digest), and the hooks that put new papers,
 * counts, closed windows, trends and digests on the live stream as they are emitted.
 *
 * <p>Every instance of an application must build the same topology, so the stores are part of it
 * whether this instance serves HTTP or not.
 */
public final class ServingTopology {

    /** Current version of every classified paper, by paper id (partitioned like papers.raw). */
    public static final String PAPERS_STORE = "served-papers";
    /** Index of the most recently published papers per partition: publication time + id, to the id. */
    public static final String RECENT_PAPERS_STORE = "recent-papers";
    /** Rising topics of each closed window, by window start and rank (one partition). */
    public static final String TOPIC_TRENDS_STORE = "served-topic-trends";
    /** Rising keyphrases of each closed window, by window start and rank (one partition). */
    public static final String KEYWORD_TRENDS_STORE = "served-keyword-trends";
    /** Digest of each closed window, by window start (one partition). */
    public static final String DIGESTS_STORE = "served-digests";

    /** Every store the API queries, the pipeline's included: {@code /ready} checks them all. */
    public static final List<String> QUERIED_STORES = List.of(PAPERS_STORE, RECENT_PAPERS_STORE, CountTopology.COUNTS_STORE,
            CountTopology.WINDOW_COUNTS_STORE, TOPIC_TRENDS_STORE, KEYWORD_TRENDS_STORE, DIGESTS_STORE);

    private final PaperstreamSerdes serdes;
    private final Views views;
    private final Consumer<LiveEvent> events;

    /**
     * @param serdes the Avro serdes of the stores
     * @param views turns records into what the live stream sends
     * @param events receives the live events (called on stream threads; must not block)
     */
    public ServingTopology(PaperstreamSerdes serdes, Views views, Consumer<LiveEvent> events) {
        this.serdes = serdes;
        this.views = views;
        this.events = events;
    }

    /** Adds the stage beside the pipeline's stages, fed by what they emit. */
    public void build(StreamsBuilder builder, StreamsSettings settings, KStream<String, PaperRevision<ClassifiedPaper>> revisions,
                      CountTopology.Outputs counts, KStream<String, SpecificRecord> trendOutputs) {
        addStore(builder, PAPERS_STORE, serdes.value(ClassifiedPaper.class));
        addStore(builder, RECENT_PAPERS_STORE, Serdes.String());
        revisions.process(() -> new ServedPapersProcessor(views, events), Named.as(PAPERS_STORE), PAPERS_STORE, RECENT_PAPERS_STORE);

        counts.counts().peek((topic, count) -> events.accept(new LiveEvent(LiveEvent.COUNT, views.count(topic, count))),
                Named.as("live-topic-counts"));
        counts.closedWindows().peek((topic, count) -> events.accept(new LiveEvent(LiveEvent.WINDOW, views.closedWindow(count))),
                Named.as("live-topic-windows"));

        addStore(builder, TOPIC_TRENDS_STORE, serdes.value(TopicTrend.class));
        addStore(builder, KEYWORD_TRENDS_STORE, serdes.value(KeywordTrend.class));
        addStore(builder, DIGESTS_STORE, serdes.value(DailyDigest.class));
        trendOutputs.process(() -> new ServedTrendsProcessor(views, events, settings.windowRetention()), Named.as("served-trends"),
                TOPIC_TRENDS_STORE, KEYWORD_TRENDS_STORE, DIGESTS_STORE);
    }

    private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> valueSerde) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde));
    }
}
