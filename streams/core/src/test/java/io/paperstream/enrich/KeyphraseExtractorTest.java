package io.paperstream.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.TrendingCorpus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyphraseExtractorTest {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "we", "our", "is", "are",
            "this", "that");
    private static final Set<String> GENERIC_HEADS = Set.of(
            "paper",
            "method",
            "approach",
            "result",
            "results",
            "performance",
            "experiment",
            "experiments",
            "propose",
            "proposed",
            "state-of-the-art",
            "framework",
            "task",
            "tasks",
            "work");
    private static final Set<String> BLAND =
            Set.of("model", "data", "training", "learning", "network", "deep", "neural");

    private final KeyphraseExtractor extractor = new KeyphraseExtractor();

    private static TrendingCorpus.Paper paper(String titlePrefix) {
        return TrendingCorpus.papers().stream()
                .filter(p -> p.title().startsWith(titlePrefix))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void findsKnowledgeDistillationInMiniPlm() {
        TrendingCorpus.Paper miniPlm = paper("MiniPLM");
        List<String> keyphrases = extractor.extract(miniPlm.title(), miniPlm.abstractText());
        assertThat(keyphrases)
                .hasSize(KeyphraseExtractor.DEFAULT_COUNT)
                .contains("knowledge distillation", "language model");
    }

    @Test
    void findsTheNamedTermsOfOtherCorpusPapers() {
        assertThat(extract("Time-MoE")).contains("mixture of experts", "time series forecasting");
        assertThat(extract("NEVLP")).contains("vision-language pre-training");
        assertThat(extract("Alice in Wonderland")).contains("large language model");
        assertThat(extract("Automating Code Review")).contains("code review");
        assertThat(extract("Rethinking Transformers Pre-training")).contains("remote sensing");
    }

    @Test
    void neverReturnsStopWordsSingleWordsOrGenericPhrases() {
        for (TrendingCorpus.Paper paper : TrendingCorpus.papers()) {
            List<String> keyphrases = extractor.extract(paper.title(), paper.abstractText());
            assertThat(keyphrases)
                    .as(paper.title())
                    .isNotEmpty()
                    .doesNotHaveDuplicates()
                    .allSatisfy(phrase -> {
                        List<String> words = List.of(phrase.split(" "));
                        assertThat(words).as(phrase).hasSizeBetween(2, 4);
                        assertThat(phrase).isLowerCase();
                        assertThat(STOP_WORDS).as(phrase).doesNotContain(words.get(0), words.get(words.size() - 1));
                        assertThat(words).as(phrase).anyMatch(w -> !GENERIC_HEADS.contains(w) && !BLAND.contains(w));
                        assertThat(GENERIC_HEADS).as(phrase).doesNotContain(words.get(words.size() - 1));
                    });
        }
    }

    @Test
    void unifiesSpellingAndPluralsAcrossPapers() {
        List<String> keyphrases = extractor.extract(
                "Pretraining language models",
                "Large language models are costly. Pretraining language models is costly, and pre-training language "
                        + "models needs data. Large language models are used widely.");
        assertThat(keyphrases).containsExactly("pre-training language model", "large language model");
        assertThat(KeyphraseExtractor.singular("queries")).isEqualTo("query");
        assertThat(KeyphraseExtractor.singular("llms")).isEqualTo("llm");
        assertThat(KeyphraseExtractor.singular("tts")).isEqualTo("tts");
        assertThat(KeyphraseExtractor.singular("biases")).isEqualTo("bias");
        assertThat(KeyphraseExtractor.singular("analysis")).isEqualTo("analysis");
    }

    @Test
    void respectsTheRequestedCountAndEmptyInput() {
        TrendingCorpus.Paper paper = paper("MiniPLM");
        assertThat(new KeyphraseExtractor(3).extract(paper.title(), paper.abstractText()))
                .hasSize(3);
        assertThat(extractor.extract(null, null)).isEmpty();
        assertThat(extractor.extract("", "We propose a method. Results are good."))
                .isEmpty();
    }

    @Test
    void handlesAbstractsWithThousandsOfDistinctWords() {
        List<String> miniPlm = extract("MiniPLM");
        // past 512 distinct words the word table grows twice (a long abstract used to fail there); past
        // 32766 words get no id, and the tables and the thread's lexicon are given back afterwards
        StringBuilder abstractText = new StringBuilder("Sparse mixture routing improves sparse mixture routing.");
        for (int i = 0; i < 40_000; i++) {
            abstractText.append(" w").append(Integer.toString(i, 26).replace('0', 'z'));
        }
        assertThat(extractor.extract("Sparse mixture routing", abstractText.toString()))
                .startsWith("sparse mixture routing");
        // the tables this thread reuses, given back after so long a paper, serve the next one as before
        assertThat(extract("MiniPLM")).isEqualTo(miniPlm);
    }

    private List<String> extract(String titlePrefix) {
        TrendingCorpus.Paper paper = paper(titlePrefix);
        return extractor.extract(paper.title(), paper.abstractText());
    }
}
