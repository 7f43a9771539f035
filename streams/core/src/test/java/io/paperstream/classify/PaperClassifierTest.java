package io.paperstream.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PaperClassifierTest {

    private static final PaperClassifier DEFAULT = PaperClassifier.withDefaultTaxonomy();

    private static PaperClassifier classifier(String json) {
        return new PaperClassifier(
                Taxonomy.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"));
    }

    private static final String TOY = """
        {"version": "toy-1", "fallbackTopic": "other",
         "scoring": {"titleWeight": 3, "primaryMinimum": 1, "secondaryRelative": 0.3, "secondaryMinimum": 1, "maxTopics": 3},
         "cues": {"made": {"window": 3, "words": ["introduce", "new"]}},
         "topics": [
           {"id": "lm", "name": "LM", "scope": "", "terms": {"language model": 2, "large language model": 3, "model": 0.5}},
           {"id": "data", "name": "Data", "scope": "", "terms": {"curation": 2},
            "contextTerms": [{"near": "made", "anywhereInTitle": true, "terms": {"dataset": 4}}]},
           {"id": "other", "name": "Other", "scope": "", "terms": {"misc": 1}}],
         "precedence": [{"topic": "data", "over": ["*"], "ratio": 0.5, "minimum": 3}]}
        """;

    @Test
    void theLongestMatchingTermWinsAndExplainsTheTopic() {
        Classification result = classifier(TOY).classify("", "Large language models are models.");
        assertThat(result.primary()).isEqualTo("lm");
        // "large language model" 3, then "model" 0.5; the contained "language model" does not count again
        assertThat(result.primaryMatch().score()).isEqualTo(3.5);
        assertThat(result.primaryMatch().evidence()).containsExactly("large language model", "model");
        assertThat(result.taxonomyVersion()).isEqualTo("toy-1");
    }

    @Test
    void titleMatchesWeighMoreAndRepeatsHaveDiminishingReturns() {
        PaperClassifier toy = classifier(TOY);
        assertThat(toy.classify("A language model", "").primaryMatch().score()).isEqualTo(6.0);
        assertThat(toy.classify("", "language model, language model")
                        .primaryMatch()
                        .score())
                .isCloseTo(2 * (1 + Math.log(2)), org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void contextTermsNeedTheirCueInTheSameSentenceExceptInTheTitle() {
        PaperClassifier toy = classifier(TOY);
        assertThat(toy.classify("", "We introduce a dataset of language models.")
                        .topicIds())
                .containsExactly("data", "lm");
        assertThat(toy.classify("", "We introduce it. A dataset of language models.")
                        .topicIds())
                .containsExactly("lm");
        assertThat(toy.classify("", "Trained on a dataset far from any cue word at all.")
                        .primary())
                .isEqualTo("other");
        assertThat(toy.classify("A dataset", "of language models").primary()).isEqualTo("data");
    }

    @Test
    void withoutEvidenceThePaperGetsTheFallbackTopic() {
        Classification result = DEFAULT.classify(null, "");
        assertThat(result.primary()).isEqualTo(DEFAULT.taxonomy().fallbackTopic());
        assertThat(result.primaryMatch().evidence()).isEmpty();
        assertThat(result.secondaries()).isEmpty();
    }

    @Test
    void appliesThePrimaryTopicRulesOfTaxonomyMd() {
        // rule 3: distillation is efficiency whatever the modality
        assertThat(DEFAULT.classify(
                                "Distilling vision transformers into small CNNs",
                                "We propose a knowledge distillation method in which a large vision transformer teacher trains a compact "
                                        + "convolutional student for image classification on ImageNet, reducing inference cost fourfold.")
                        .primary())
                .isEqualTo("efficiency");
        // rule 2: a language side makes a vision paper multimodal
        Classification clipSegmentation = DEFAULT.classify(
                "Language-guided semantic segmentation",
                "We transfer CLIP image-text representations to semantic segmentation with text prompts for every class.");
        assertThat(clipSegmentation.primary()).isEqualTo("multimodal");
        assertThat(clipSegmentation.topicIds()).contains("vision");
        // rule 4: speech and text together are speech-audio with multimodal secondary
        Classification speechText = DEFAULT.classify(
                "Joint speech-text pre-training",
                "We pre-train one encoder on speech and text for automatic speech recognition and spoken language understanding.");
        assertThat(speechText.primary()).isEqualTo("speech-audio");
        assertThat(speechText.topicIds()).contains("multimodal");
        // rule 1: a dataset contribution is data with its domain as secondary
        Classification dataset = DEFAULT.classify(
                "A Large-Scale Dataset of Chest X-ray Reports",
                "We introduce a new dataset of 300,000 chest X-ray images paired with radiology reports, collected from "
                        + "three hospitals, with data curation and quality filtering, and release it publicly.");
        assertThat(dataset.primary()).isEqualTo("data");
        assertThat(dataset.topicIds()).contains("medical");
    }

    @Test
    void everyAssignedTopicHasEvidence() {
        for (TrendingCorpus.Paper paper : TrendingCorpus.papers()) {
            Classification result = DEFAULT.classify(paper.title(), paper.abstractText());
            assertThat(result.topics()).as(paper.title()).allSatisfy(topic -> {
                assertThat(topic.evidence()).isNotEmpty().hasSizeLessThanOrEqualTo(PaperClassifier.MAX_EVIDENCE);
                assertThat(topic.score()).isPositive();
            });
            assertThat(result.topics().size())
                    .isLessThanOrEqualTo(DEFAULT.taxonomy().scoring().maxTopics());
        }
    }

    @Test
    void isThreadSafeAndDeterministic() throws Exception {
        List<TrendingCorpus.Paper> papers = TrendingCorpus.papers();
        List<Classification> expected = papers.stream()
                .map(p -> DEFAULT.classify(p.title(), p.abstractText()))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> papers.stream()
                        .map(p -> DEFAULT.classify(p.title(), p.abstractText()))
                        .toList()));
            }
            for (Future<List<Classification>> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
