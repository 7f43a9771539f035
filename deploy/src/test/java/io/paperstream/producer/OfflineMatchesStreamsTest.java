package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.producer.source.Corpus;
import io.paperstream.producer.source.PaperRecord;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The offline {@code classify} command and the streams application run the same core: on the corpus,
 * what {@code classify} prints is what the application writes to papers.classified. Lives here because
 * this module is the first to hold both the producer and the streams application.
 */
class OfflineMatchesStreamsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void writesWhatTheStreamsApplicationWritesToPapersClassified() throws IOException {
        List<JsonNode> lines = ClassifyRun.of(
                        InputStream.nullInputStream(), CLOCK, Corpus.path().toString())
                .papers();
        List<ClassifiedPaper> streamed;
        try (StreamsAppDriver app = new StreamsAppDriver(Map.of())) {
            for (PaperRecord paper : CorpusPapers.PAPERS) {
                app.send(PaperEvents.toEvent(paper, paper.sourceTime(), CLOCK.instant()));
            }
            streamed = app.classified();
        }

        assertThat(streamed).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            ClassifiedPaper paper = streamed.get(i);
            EnrichedPaper enriched = paper.getPaper();
            assertThat(line.get("id").asText()).isEqualTo(enriched.getPaper().getId());
            assertThat(line.get("primary").asText()).isEqualTo(paper.getPrimaryTopic());
            assertThat(line.get("topics"))
                    .extracting(t -> t.get("id").asText() + "=" + t.get("score").asDouble())
                    .containsExactlyElementsOf(paper.getTopics().stream()
                            .map(t -> t.getId() + "=" + t.getScore())
                            .toList());
            assertThat(line.get("keyphrases"))
                    .extracting(JsonNode::asText)
                    .containsExactlyElementsOf(enriched.getKeyphrases());
            assertThat(line.get("urls")).extracting(JsonNode::asText).containsExactlyElementsOf(enriched.getUrls());
            assertThat(line.get("codeUrls"))
                    .extracting(JsonNode::asText)
                    .containsExactlyElementsOf(enriched.getCodeUrls());
            assertThat(line.get("words").asInt()).isEqualTo(enriched.getWordCount());
            assertThat(line.get("codeReleased").asBoolean()).isEqualTo(enriched.getCodeReleased());
            assertThat(line.get("dataReleased").asBoolean()).isEqualTo(enriched.getDataReleased());
        }
    }
}
