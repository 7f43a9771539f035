package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.streams.PaperSighting.ScoredTopic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowPapersTest {

    private static PaperSighting paper(String id, String title, List<ScoredTopic> topics, List<String> keyphrases) {
        return new PaperSighting(id, false, title, null, null, topics, keyphrases);
    }

    private final WindowPapers window = new WindowPapers(List.of(
            paper(
                    "a",
                    "Sparse experts",
                    List.of(new ScoredTopic("efficiency", 2.0), new ScoredTopic("nlp", 0.5)),
                    List.of("mixture of experts", "expert routing", "mixture of experts")),
            paper(
                    "b",
                    "Quantized LLMs",
                    List.of(new ScoredTopic("efficiency", 5.0)),
                    List.of("quantization", "mixture of experts")),
            paper("c", "sparse experts ", List.of(new ScoredTopic("efficiency", 9.0)), List.of("mixture of experts")),
            paper("d", "Chat models", List.of(new ScoredTopic("nlp", 3.0)), List.of("instruction tuning"))));

    @Test
    void countsPapersPerTopicAndPerKeyphraseOncePerPaper() {
        assertThat(window.size()).isEqualTo(4);
        assertThat(window.topicCounts()).containsOnly(Map.entry("efficiency", 3L), Map.entry("nlp", 2L));
        assertThat(window.keyphraseCounts())
                .containsEntry("mixture of experts", 3L)
                .containsEntry("quantization", 1L);
    }

    @Test
    void representativesAreTheStrongestPapersWithDistinctTitles() {
        // c scores highest; a has the same title (another source of the same paper) and is skipped
        assertThat(window.representativesOfTopic("efficiency", 3))
                .extracting(PaperSighting::paperId)
                .containsExactly("c", "b");
        assertThat(window.representativesOfTopic("nlp", 1))
                .extracting(PaperSighting::paperId)
                .containsExactly("d");
        // a and c name the keyphrase first, b second
        assertThat(window.representativesOfKeyphrase("mixture of experts", 3))
                .extracting(PaperSighting::paperId)
                .containsExactly("a", "b");
        assertThat(window.representativesOfTopic("robotics-rl", 3)).isEmpty();
    }
}
