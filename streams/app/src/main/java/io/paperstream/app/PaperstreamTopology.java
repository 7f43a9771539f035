package io.paperstream.app;

import io.paperstream.classify.Taxonomy;
import io.paperstream.serving.LiveEvent;
import io.paperstream.serving.PaperSearch;
import io.paperstream.serving.ServingTopology;
import io.paperstream.serving.Views;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.streams.PipelineObserver;
import io.paperstream.streams.PipelineTopology;
import io.paperstream.streams.StreamsSettings;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The whole streams application: the pipeline's stages ({@link PipelineTopology}) and, fed by what
 * they emit, the serving stage's stores that the API reads. Every instance builds the same topology,
 * whether it serves HTTP or not.
 */
public final class PaperstreamTopology {

    private PaperstreamTopology() {}

    /** The topology for {@code settings}, with its taxonomy and serdes, checked for explicit names; no search. */
    public static Topology build(StreamsSettings settings) {
        return build(
                settings, PipelineTopology.taxonomy(settings), PipelineObserver.NONE, event -> {}, Optional.empty());
    }

    /**
     * The topology for {@code settings} and its loaded {@code taxonomy} that tells {@code observer} of classifications
     * and {@code events} of what the serving stage sees (both called on stream threads), and that gives {@code search}
     * the search index of each partition of the served papers (empty: no search, and no index kept).
     */
    public static Topology build(
            StreamsSettings settings,
            Taxonomy taxonomy,
            PipelineObserver observer,
            Consumer<LiveEvent> events,
            Optional<PaperSearch> search) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings, PaperstreamSerdes.from(settings), taxonomy, observer, events, search);
        return builder.build(settings.kafkaStreamsProperties());
    }

    /** Adds every stage to {@code builder}, without search. */
    public static void build(
            StreamsBuilder builder, StreamsSettings settings, PaperstreamSerdes serdes, Taxonomy taxonomy) {
        build(builder, settings, serdes, taxonomy, PipelineObserver.NONE, event -> {}, Optional.empty());
    }

    private static void build(
            StreamsBuilder builder,
            StreamsSettings settings,
            PaperstreamSerdes serdes,
            Taxonomy taxonomy,
            PipelineObserver observer,
            Consumer<LiveEvent> events,
            Optional<PaperSearch> search) {
        PipelineTopology.Outputs pipeline = PipelineTopology.build(builder, settings, serdes, taxonomy, observer);
        new ServingTopology(serdes, new Views(taxonomy), events, search)
                .build(builder, settings, pipeline.revisions(), pipeline.counts(), pipeline.trends());
    }
}
