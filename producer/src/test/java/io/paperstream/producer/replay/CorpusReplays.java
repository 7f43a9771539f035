package io.paperstream.producer.replay;

import io.paperstream.producer.CorpusPapers;
import io.paperstream.producer.OfflinePipeline;
import java.time.Instant;

/** The shared corpus as the pool of replays, classified once for all tests of this JVM. */
final class CorpusReplays {

    /** A generator over the corpus, classified with the default taxonomy. */
    static final ReplayGenerator GENERATOR = generator();

    private CorpusReplays() {}

    private static ReplayGenerator generator() {
        OfflinePipeline pipeline = OfflinePipeline.withDefaultTaxonomy();
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        return new ReplayGenerator(CorpusPapers.PAPERS, paper -> pipeline.classify(paper, now, now));
    }
}
