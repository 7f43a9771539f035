package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.ResearchTopic;
import io.paperstream.classify.Taxonomy;
import io.paperstream.enrich.Enricher;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The pipeline's stages wired in one builder: enrich, then dedupe/revise and classify, then counts
 * and windows, trends and digests, and trending papers (with papers.engagement). Stages hand records to each other in memory; the topics between
 * them (papers.enriched, papers.classified) are outputs for other consumers, not re-read. What the
 * stages emit is handed back for whoever builds on the pipeline (the serving stage).
 */
public final class PipelineTopology {

    /** The streams the stages emit: paper revisions, all-time and closed-window counts, trend outputs. */
    public record Outputs(
            KStream<String, PaperRevision<ClassifiedPaper>> revisions,
            CountTopology.Outputs counts,
            KStream<String, TrendOutput> trends) {}

    private PipelineTopology() {}

    /** Adds every stage to {@code builder}; {@code observer} hears of classifications (on stream threads). */
    public static Outputs build(
            StreamsBuilder builder,
            StreamsSettings settings,
            PaperstreamSerdes serdes,
            Taxonomy taxonomy,
            PipelineObserver observer) {
        KStream<String, EnrichedPaper> enriched = new EnrichTopology(serdes, new Enricher()).build(builder, settings);
        KStream<String, PaperRevision<ClassifiedPaper>> revisions = new ClassifyTopology(
                        serdes, new PaperClassifier(taxonomy), observer)
                .build(builder, settings, enriched);
        CountTopology.Outputs counts = new CountTopology(serdes).build(builder, settings, revisions);
        new TrendingTopology(serdes).build(builder, settings, revisions);
        KStream<String, TrendOutput> trends =
                new TrendTopology(serdes, topic -> label(taxonomy, topic)).build(builder, settings, revisions);
        return new Outputs(revisions, counts, trends);
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
