package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a revision takes back of the stored paper it replaces. */
class PaperVersionTest {

    @Test
    void theVersionOfAStoredPaperIsItsHashPublicationTimeAndTopicsPrimaryFirst() {
        Instant published = Instant.parse("2026-03-01T06:00:00Z");
        EnrichedPaper enriched = TestPapers.enriched("2501.00001", TestPapers.CORPUS.get(0), published, List.of());
        ClassifiedPaper paper;
        try (PipelineDriver pipeline = PipelineDriver.fromEnriched(Map.of())) {
            pipeline.pipe(enriched);
            paper = pipeline.classified().readValue();
        }

        PaperVersion version = PaperVersion.of(paper);

        assertThat(version.contentHash()).isEqualTo(enriched.getContentHash());
        assertThat(version.eventTime()).isEqualTo(published.toEpochMilli());
        assertThat(version.primaryTopic()).isEqualTo(paper.getPrimaryTopic());
        assertThat(version.topics())
                .isEqualTo(paper.getTopics().stream().map(TopicScore::getId).toList())
                .startsWith(paper.getPrimaryTopic());
    }
}
