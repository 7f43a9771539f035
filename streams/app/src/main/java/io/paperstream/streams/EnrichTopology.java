package io.paperstream.streams;

import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.enrich.EnrichedPapers;
import io.paperstream.enrich.Enricher;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Stage 1, papers.raw to papers.enriched: links, code repositories, arXiv id, released code and
 * data, word count, keyphrases and content hash of each paper. Event time is the paper's
 * publication time; a paper published too far ahead of now is a dead letter ({@link EventTimeLimit}).
 */
public final class EnrichTopology {

    public static final String SOURCE = "papers-raw-source";
    /** Processor name, also the {@link DeadLetters#STAGE_HEADER} of papers it fails on. */
    public static final String ENRICH = "enrich";

    public static final String SINK = "papers-enriched-sink";

    private final PaperstreamSerdes serdes;
    private final Enricher enricher;

    public EnrichTopology(PaperstreamSerdes serdes, Enricher enricher) {
        this.serdes = serdes;
        this.enricher = enricher;
    }

    /** Adds the stage to {@code builder}; returns the enriched papers, keyed by paper id, for the next stage. */
    public KStream<String, EnrichedPaper> build(StreamsBuilder builder, StreamsSettings settings) {
        EventTimeLimit limit = new EventTimeLimit(settings.get(StreamsSettings.EVENT_TIME_MAX_AHEAD));
        KStream<String, EnrichedPaper> enriched = builder.stream(
                        KafkaTopics.RAW_PAPERS.name(settings),
                        KafkaTopics.RAW_PAPERS
                                .consumed(serdes, SOURCE)
                                .withTimestampExtractor(new PublishedAtTimestampExtractor(limit)))
                .processValues(
                        limit.checked("published at", PaperAbstract::getPublishedAt, this::enrich), Named.as(ENRICH));
        enriched.to(KafkaTopics.ENRICHED_PAPERS.name(settings), KafkaTopics.ENRICHED_PAPERS.produced(serdes, SINK));
        return enriched;
    }

    private EnrichedPaper enrich(String key, PaperAbstract paper) {
        // the dedupe store downstream is partitioned by the record key: it must be the paper id
        if (!paper.getId().equals(key)) {
            throw new IllegalArgumentException("record key " + (key == null ? "null" : "'" + key + "'")
                    + " is not the id of the paper it carries, '" + paper.getId() + "'");
        }
        return EnrichedPapers.of(
                paper, enricher.enrich(paper.getId(), paper.getTitle(), paper.getAbstract$(), paper.getLinks()));
    }
}
