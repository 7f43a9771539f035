package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicScore;
import io.paperstream.classify.TrendingCorpus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classify stage weighs the source categories an event carries and records them per topic. */
class ClassifyCategoriesTest {

    private static final Instant MONDAY = Instant.parse("2025-03-10T09:00:00Z");

    @Test
    void theSourceCategoriesOfAnEventWeighAndShowInItsClassifiedRecord() {
        TrendingCorpus.Paper allInOne = TestPapers.CORPUS.stream()
                .filter(paper -> paper.title().startsWith("Towards All-in-one Pre-training"))
                .findFirst()
                .orElseThrow();
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            // Step 1: a borderline corpus paper as its text alone, and cross-listed in cs.CV and cs.CL
            EnrichedPaper plain = TestPapers.enriched("plain", allInOne, MONDAY, List.of());
            EnrichedPaper crossListed = EnrichedPaper.newBuilder(
                            TestPapers.enriched("cross-listed", allInOne, MONDAY, List.of()))
                    .setPaper(PaperAbstract.newBuilder(plain.getPaper())
                            .setId("cross-listed")
                            .setCategories(List.of("cs.CV", "cs.CL"))
                            .build())
                    .build();
            pipeline.pipe(plain);
            pipeline.pipe(crossListed);

            // Step 2: the text alone says vision; the categories move it to its neighbour and say so
            Map<String, ClassifiedPaper> classified = pipeline.classified().readKeyValuesToMap();
            assertThat(classified.get("plain").getPrimaryTopic()).isEqualTo("vision");
            assertThat(classified.get("plain").getTopics())
                    .allSatisfy(topic -> assertThat(topic.getCategories()).isEmpty());
            assertThat(classified.get("cross-listed").getPrimaryTopic()).isEqualTo("multimodal");
            assertThat(classified.get("cross-listed").getTopics())
                    .extracting(TopicScore::getId, TopicScore::getCategories)
                    .containsExactly(tuple("multimodal", List.of("cs.CV", "cs.CL")), tuple("vision", List.of("cs.CV")));
        }
    }
}
