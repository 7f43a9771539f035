package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.ResearchTopic;
import io.paperstream.classify.Taxonomy;
import io.paperstream.enrich.Enricher;
import io.paperstream.serving.LiveEvent;
import io.paperstream.serving.ServingTopology;
import io.paperstream.serving.Views;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole streams application: enrich, then dedupe/revise and classify, then counts and
 * windows, trends and digests, and the stores the serving API reads, wired in one topology. Stages hand records to each other in
 * memory; the topics between them (papers.enriched, papers.classified) are outputs for other
 * consumers, not re-read.
 */
public final class PaperstreamTopology {

    private PaperstreamTopology() {
    }

    /** The topology for {@code settings}, with its taxonomy and serdes, checked for explicit names. */
    public static Topology build(StreamsSettings settings) {
        return build(settings, PipelineObserver.NONE, event -> { });
    }

    /**
     * The topology for {@code settings} that tells {@code observer} of classifications and
     * {@code events} of what the serving stage sees (both called on stream threads).
     */
    public static Topology build(StreamsSettings settings, PipelineObserver observer, Consumer<LiveEvent> events) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings, PaperstreamSerdes.from(settings), taxonomy(settings), observer, events);
        return builder.build(settings.kafkaStreamsProperties());
    }

    /** Adds every stage to {@code builder}. */
    public static void build(StreamsBuilder builder, StreamsSettings settings, PaperstreamSerdes serdes, Taxonomy taxonomy) {
        build(builder, settings, serdes, taxonomy, PipelineObserver.NONE, event -> { });
    }

    private static void build(StreamsBuilder builder, StreamsSettings settings, PaperstreamSerdes serdes, Taxonomy taxonomy,
                              PipelineObserver observer, Consumer<LiveEvent> events) {
        KStream<String, EnrichedPaper> enriched = new EnrichTopology(serdes, new Enricher()).build(builder, settings);
        KStream<String, PaperRevision<ClassifiedPaper>> revisions =
                new ClassifyTopology(serdes, new PaperClassifier(taxonomy), observer).build(builder, settings, enriched);
        CountTopology.Outputs counts = new CountTopology(serdes).build(builder, settings, revisions);
        KStream<String, SpecificRecord> trends =
                new TrendTopology(serdes, topic -> label(taxonomy, topic)).build(builder, settings, revisions);
        new ServingTopology(serdes, new Views(taxonomy), events).build(builder, settings, revisions, counts, trends);
    }

    /** The taxonomy of {@link StreamsSettings#TAXONOMY_FILE}, or the built-in one. */
    public static Taxonomy taxonomy(StreamsSettings settings) {
        String file = settings.get(StreamsSettings.TAXONOMY_FILE);
        return file == null ? Taxonomy.loadDefault() : Taxonomy.load(Path.of(file));
    }

    private static String label(Taxonomy taxonomy, String topicId) {
        ResearchTopic topic = taxonomy.topic(topicId);
        return topic == null ? topicId : topic.name();
    }
}
