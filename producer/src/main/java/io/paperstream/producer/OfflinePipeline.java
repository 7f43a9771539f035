package io.paperstream.producer;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.ClassifiedPapers;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.Taxonomy;
import io.paperstream.enrich.EnrichedPapers;
import io.paperstream.enrich.Enricher;
import io.paperstream.producer.source.PaperRecord;
import java.time.Instant;

/**
 * The streams application's enrich and classify stages, run on one paper outside Kafka: the same
 * {@link Enricher}, {@link PaperClassifier} and record builders ({@link EnrichedPapers#of},
 * {@link ClassifiedPapers#of}), so that {@code classify} and the replay generator see
 * exactly the {@code ClassifiedPaper} the stream application writes. Thread-safe.
 */
public final class OfflinePipeline {

    private final Enricher enricher = new Enricher();
    private final PaperClassifier classifier;

    /** The stages with the given taxonomy. */
    public OfflinePipeline(Taxonomy taxonomy) {
        this.classifier = new PaperClassifier(taxonomy);
    }

    /** The stages with the taxonomy shipped with paperstream. */
    public static OfflinePipeline withDefaultTaxonomy() {
        return new OfflinePipeline(Taxonomy.loadDefault());
    }

    /** The taxonomy papers are classified with. */
    public Taxonomy taxonomy() {
        return classifier.taxonomy();
    }

    /** Enriches and classifies a paper as read, as the event {@link PaperEvents#toEvent} makes of it. */
    public ClassifiedPaper classify(PaperRecord paper, Instant publishedAt, Instant ingestedAt) {
        return classify(PaperEvents.toEvent(paper, publishedAt, ingestedAt));
    }

    /** Enriches and classifies one paper event, as papers.raw carries it. */
    public ClassifiedPaper classify(PaperAbstract paper) {
        EnrichedPaper enriched = EnrichedPapers.of(
                paper, enricher.enrich(paper.getId(), paper.getTitle(), paper.getAbstract$(), paper.getLinks()));
        return ClassifiedPapers.of(
                enriched, classifier.classify(paper.getTitle(), paper.getAbstract$(), paper.getCategories()));
    }
}
