package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.classify.ClassifiedPapers;
import io.paperstream.classify.PaperClassifier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage 2, enriched papers to papers.classified: dedupe and revise by paper id, then classify.
 * A paper re-ingested unchanged is a no-op (nothing is written anywhere); a revised paper (same
 * id, new content hash) replaces the old version, and the stage hands on both so that the
 * counting stages can take the old classification back. The store {@value StoreNames#SERVED_PAPERS}
 * holds the current version of every paper, classified: what dedupe compares with, what a revision takes back,
 * a trending paper's card and what the serving API answers, in one store written once per paper.
 */
public final class ClassifyTopology {

    /** Processor names, also the {@link DeadLetters#STAGE_HEADER} of papers they fail on. */
    public static final String DEDUPE = "dedupe";

    public static final String CLASSIFY = "classify";
    public static final String REVISE = "revise";
    public static final String SINK = "papers-classified-sink";

    private final PaperstreamSerdes serdes;
    private final PaperClassifier classifier;
    private final PipelineObserver observer;

    public ClassifyTopology(PaperstreamSerdes serdes, PaperClassifier classifier) {
        this(serdes, classifier, PipelineObserver.NONE);
    }

    /** A stage that tells {@code observer} of every classification and how long it took. */
    public ClassifyTopology(PaperstreamSerdes serdes, PaperClassifier classifier, PipelineObserver observer) {
        this.serdes = serdes;
        this.classifier = classifier;
        this.observer = observer;
    }

    /** Adds the stage; returns every new or revised paper with the version it replaces. */
    public KStream<String, PaperRevision<ClassifiedPaper>> build(
            StreamsBuilder builder, StreamsSettings settings, KStream<String, EnrichedPaper> enriched) {
        // no cache: every paper is written once anyway, and an iterator opened while the task processes then reads
        // the store as it is at that moment, which the search index's builds rely on (PaperSearch.resume)
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.SERVED_PAPERS),
                        Serdes.String(),
                        serdes.value(ClassifiedPaper.class))
                .withCachingDisabled());
        KStream<String, PaperRevision<ClassifiedPaper>> revisions = enriched.processValues(
                        DedupeProcessor::new, Named.as(DEDUPE), StoreNames.SERVED_PAPERS)
                .mapValues(revision -> revision.withCurrent(classify(revision.current())), Named.as(CLASSIFY))
                .processValues(ReviseProcessor::new, Named.as(REVISE), StoreNames.SERVED_PAPERS);
        revisions
                .mapValues(PaperRevision::current, Named.as("classified-paper"))
                .to(KafkaTopics.CLASSIFIED_PAPERS.name(settings), KafkaTopics.CLASSIFIED_PAPERS.produced(serdes, SINK));
        return revisions;
    }

    private ClassifiedPaper classify(EnrichedPaper paper) {
        long start = System.nanoTime();
        ClassifiedPaper classified = ClassifiedPapers.of(
                paper,
                classifier.classify(
                        paper.getPaper().getTitle(),
                        paper.getPaper().getAbstract$(),
                        paper.getPaper().getCategories()));
        observer.classified(classified, System.nanoTime() - start);
        return classified;
    }
}
