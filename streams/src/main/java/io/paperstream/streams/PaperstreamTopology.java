package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.ResearchTopic;
import io.paperstream.classify.Taxonomy;
import io.paperstream.enrich.Enricher;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole streams application: enrich, then dedupe/revise and classify, then counts and
 * windows, trends and digests, wired in one topology. Stages hand records to each other in
 * memory; the topics between them (papers.enriched, papers.classified) are outputs for other
 * consumers, not re-read.
 */
public final class PaperstreamTopology {

    private PaperstreamTopology() {
    }

    /** The topology for {@code settings}, with its taxonomy and serdes, checked for explicit names. */
    public static Topology build(StreamsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        build(builder, settings, PaperstreamSerdes.from(settings), taxonomy(settings));
        return builder.build(settings.kafkaStreamsProperties());
    }

    /** Adds every stage to {@code builder}. */
    public static void build(StreamsBuilder builder, StreamsSettings settings, PaperstreamSerdes serdes, Taxonomy taxonomy) {
        KStream<String, EnrichedPaper> enriched = new EnrichTopology(serdes, new Enricher()).build(builder, settings);
        KStream<String, PaperRevision<ClassifiedPaper>> revisions =
                new ClassifyTopology(serdes, new PaperClassifier(taxonomy)).build(builder, settings, enriched);
        new CountTopology(serdes).build(builder, settings, revisions);
        new TrendTopology(serdes, topic -> label(taxonomy, topic)).build(builder, settings, revisions);
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
