package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.enrich.EnrichedPapers;
import io.paperstream.enrich.Enricher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** papers.raw to papers.enriched on the real corpus. */
class EnrichTopologyTest {

    private static final Instant DAY = Instant.parse("2026-03-14T00:00:00Z");

    @Test
    void everyCorpusPaperIsEnrichedWithWhatItsTextContains() {
        List<TrendingCorpus.Paper> corpus = TestPapers.CORPUS;
        Enricher enricher = new Enricher();
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of())) {
            List<PaperAbstract> papers = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                PaperAbstract paper = TestPapers.paperAbstract("p" + i, corpus.get(i), DAY.plus(Duration.ofMinutes(i)));
                papers.add(paper);
                // Kafka's record time is the ingestion time; the event time must come from publishedAt
                pipeline.rawInput().pipeInput(new TestRecord<>(paper.getId(), paper, DAY.plus(Duration.ofDays(30))));
            }

            List<TestRecord<String, EnrichedPaper>> enriched =
                    pipeline.enriched().readRecordsToList();

            assertThat(enriched).hasSize(corpus.size());
            for (int i = 0; i < corpus.size(); i++) {
                PaperAbstract paper = papers.get(i);
                TestRecord<String, EnrichedPaper> record = enriched.get(i);
                assertThat(record.key()).isEqualTo(paper.getId());
                assertThat(record.getRecordTime()).isEqualTo(paper.getPublishedAt());
                assertThat(record.value())
                        .isEqualTo(EnrichedPapers.of(
                                paper,
                                enricher.enrich(
                                        paper.getId(), paper.getTitle(), paper.getAbstract$(), paper.getLinks())));
            }
            EnrichedPaper miniPlm = enriched.get(0).value();
            assertThat(miniPlm.getPaper().getTitle()).startsWith("MiniPLM");
            assertThat(miniPlm.getCodeUrls()).contains("https://github.com/thu-coai/MiniPLM");
            assertThat(miniPlm.getCodeReleased()).isTrue();
            assertThat(miniPlm.getWordCount()).isBetween(200, 300);
            assertThat(enriched)
                    .extracting(r -> r.value().getContentHash())
                    .doesNotHaveDuplicates()
                    .allMatch(h -> !h.isEmpty());
            assertThat(enriched)
                    .filteredOn(r -> !r.value().getKeyphrases().isEmpty())
                    .hasSizeGreaterThan(corpus.size() * 9 / 10);
        }
    }
}
