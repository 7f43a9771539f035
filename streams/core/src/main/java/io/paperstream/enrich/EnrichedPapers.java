package io.paperstream.enrich;

import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;

/** Turns a paper and what enrichment found in it into the {@code EnrichedPaper} record of papers.enriched. */
public final class EnrichedPapers {

    private EnrichedPapers() {}

    /** The EnrichedPaper record of a paper and what enrichment found in it. */
    public static EnrichedPaper of(PaperAbstract paper, Enrichment enrichment) {
        return EnrichedPaper.newBuilder()
                .setPaper(paper)
                .setUrls(enrichment.urls())
                .setCodeUrls(enrichment.codeUrls())
                .setArxivId(enrichment.arxivId())
                .setCodeReleased(enrichment.codeReleased())
                .setDataReleased(enrichment.dataReleased())
                .setWordCount(enrichment.wordCount())
                .setKeyphrases(enrichment.keyphrases())
                .setContentHash(enrichment.contentHash())
                .build();
    }
}
