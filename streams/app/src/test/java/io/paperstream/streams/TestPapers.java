package io.paperstream.streams;

import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.TrendingCorpus;
import java.time.Instant;
import java.util.List;

/** Builds the records the tests feed in, from the real corpus. */
final class TestPapers {

    static final List<TrendingCorpus.Paper> CORPUS = TrendingCorpus.papers();

    private TestPapers() {}

    static PaperAbstract paperAbstract(String id, TrendingCorpus.Paper paper, Instant publishedAt) {
        return PaperAbstract.newBuilder()
                .setId(id)
                .setTitle(paper.title())
                .setAbstract$(paper.abstractText())
                .setSource("trending-page")
                .setPublishedAt(publishedAt)
                .setIngestedAt(publishedAt)
                .build();
    }

    /**
     * An enriched paper as the enrich stage would write it, with the keyphrases given here so
     * that tests control them; the content hash follows the text, as enrichment's does.
     */
    static EnrichedPaper enriched(String id, TrendingCorpus.Paper paper, Instant publishedAt, List<String> keyphrases) {
        return EnrichedPaper.newBuilder()
                .setPaper(paperAbstract(id, paper, publishedAt))
                .setKeyphrases(keyphrases)
                .setContentHash(Integer.toHexString((paper.title() + "\n" + paper.abstractText()).hashCode()))
                .build();
    }
}
