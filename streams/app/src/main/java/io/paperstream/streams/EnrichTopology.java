package io.paperstream.streams;

import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.enrich.EnrichedPapers;
import io.paperstream.enrich.Enricher;
import java.util.ArrayList;
import java.util.List;
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
        EventTimeLimit limit = EventTimeLimit.of(settings);
        int maxBytes = settings.get(StreamsSettings.PAPER_MAX_BYTES);
        KStream<String, EnrichedPaper> enriched = builder.stream(
                        KafkaTopics.RAW_PAPERS.name(settings),
                        KafkaTopics.RAW_PAPERS
                                .consumed(serdes, SOURCE)
                                .withTimestampExtractor(new PublishedAtTimestampExtractor(limit)))
                .processValues(
                        limit.checked(
                                "published at",
                                PaperAbstract::getPublishedAt,
                                (key, paper) -> enrich(key, paper, maxBytes)),
                        Named.as(ENRICH));
        enriched.to(KafkaTopics.ENRICHED_PAPERS.name(settings), KafkaTopics.ENRICHED_PAPERS.produced(serdes, SINK));
        return enriched;
    }

    private EnrichedPaper enrich(String key, PaperAbstract paper, int maxBytes) {
        // the dedupe store downstream is partitioned by the record key: it must be the paper id
        if (!paper.getId().equals(key)) {
            throw new IllegalArgumentException("record key " + (key == null ? "null" : "'" + key + "'")
                    + " is not the id of the paper it carries, '" + paper.getId() + "'");
        }
        long bytes = textBytes(paper, maxBytes);
        if (bytes > maxBytes) {
            throw new IllegalArgumentException("the paper's text is " + bytes + " bytes (UTF-8), more than the "
                    + maxBytes + " of " + StreamsSettings.PAPER_MAX_BYTES.name()
                    + ": the records made from it would not fit the producer's max.request.size");
        }
        return EnrichedPapers.of(
                paper, enricher.enrich(paper.getId(), paper.getTitle(), paper.getAbstract$(), paper.getLinks()));
    }

    /**
     * The UTF-8 bytes of every string {@code paper} holds, exactly when they can exceed {@code limit}; else at most
     * {@code limit}, counted from the characters (three bytes at most each) without a pass over them.
     */
    static long textBytes(PaperAbstract paper, int limit) {
        List<CharSequence> texts = new ArrayList<>(paper.getAuthors());
        texts.addAll(paper.getCategories());
        texts.addAll(paper.getLinks());
        for (CharSequence text : new CharSequence[] {
            paper.getId(),
            paper.getTitle(),
            paper.getAbstract$(),
            paper.getSource(),
            paper.getSourceUri(),
            paper.getOriginalTitle(),
            paper.getOriginalAbstract()
        }) {
            if (text != null) {
                texts.add(text);
            }
        }
        long chars = 0;
        for (CharSequence text : texts) {
            chars += text.length();
        }
        if (chars * 3 <= limit) {
            return chars * 3;
        }
        long bytes = 0;
        for (CharSequence text : texts) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                // a surrogate pair is four bytes: two for each half
                bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            }
        }
        return bytes;
    }
}
