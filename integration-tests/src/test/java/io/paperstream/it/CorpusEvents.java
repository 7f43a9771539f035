package io.paperstream.it;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.ClassifiedPapers;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.enrich.EnrichedPapers;
import io.paperstream.enrich.Enricher;
import io.paperstream.producer.PaperEvents;
import java.time.Instant;
import java.util.List;

/**
 * The events the pipeline makes of the {@link Corpus}'s papers, from the same pure functions the applications
 * use: {@code PaperAbstract} as {@code produce} sends it, {@code ClassifiedPaper} as the streams application's
 * enrich and classify stages build it. For tests that need real events without running the applications.
 */
final class CorpusEvents {

    private CorpusEvents() {}

    /** The {@code PaperAbstract} of every corpus paper, published at the corpus's date, ingested at the time given. */
    static List<PaperAbstract> papers(Instant ingestedAt) {
        return Corpus.papers().stream()
                .map(paper -> PaperEvents.toEvent(paper, paper.sourceTime(), ingestedAt))
                .toList();
    }

    /** The {@code ClassifiedPaper} of every corpus paper, enriched and classified as the streams application does. */
    static List<ClassifiedPaper> classified(Instant ingestedAt) {
        Enricher enricher = new Enricher();
        PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
        return papers(ingestedAt).stream()
                .map(event -> ClassifiedPapers.of(
                        EnrichedPapers.of(
                                event,
                                enricher.enrich(
                                        event.getId(), event.getTitle(), event.getAbstract$(), event.getLinks())),
                        classifier.classify(event.getTitle(), event.getAbstract$())))
                .toList();
    }
}
