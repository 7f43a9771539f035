package io.paperstream.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    private static final String CATEGORIES = """
        {"version": "cat-1", "fallbackTopic": "other",
         "scoring": {"titleWeight": 3, "primaryMinimum": 1, "secondaryRelative": 0.3, "secondaryMinimum": 1.5, "maxTopics": 3},
         "topics": [
           {"id": "lm", "name": "LM", "scope": "", "terms": {"language model": 2},
            "categories": {"cs.CL": 0.5, "q-bio.NC": 0.5}},
           {"id": "bio", "name": "Bio", "scope": "", "terms": {"protein": 2, "peptide": 1},
            "categories": {"q-bio.*": 0.5, "q-bio.BM": 1, "cs.CL": 0.25}},
           {"id": "other", "name": "Other", "scope": "", "terms": {"misc": 1}}]}
        """;

    @Test
    void aCategoryScalesTheTextScoreOfItsTopicsAndIsShownAsEvidence() {
        PaperClassifier toy = classifier(CATEGORIES);
        String text = "A language model of protein sequences.";
        // a tie in the text: taxonomy order decides
        assertThat(toy.classify("", text).topics())
                .extracting(TopicMatch::id, TopicMatch::score, TopicMatch::categories)
                .containsExactly(tuple("lm", 2.0, List.of()), tuple("bio", 2.0, List.of()));

        // the wildcard q-bio.* covers q-bio.GN; an exact key overrides it for its topic; keys match in any case
        assertThat(toy.classify("", text, List.of("q-bio.GN")).primaryMatch())
                .isEqualTo(new TopicMatch("bio", 3.0, List.of("protein"), List.of("q-bio.GN")));
        assertThat(toy.classify("", text, List.of("Q-BIO.bm")).primaryMatch().score())
                .isEqualTo(4.0);
        // an exact key of one topic leaves the archive's wildcard weighing for the others
        assertThat(toy.classify("", text, List.of("q-bio.NC")).topics())
                .extracting(TopicMatch::id, TopicMatch::score, TopicMatch::categories)
                .containsExactly(tuple("lm", 3.0, List.of("q-bio.NC")), tuple("bio", 3.0, List.of("q-bio.NC")));
        // both topics of cs.CL weigh, each with its own weight; a repeated or unmapped category adds nothing
        Classification both = toy.classify("", text, List.of("cs.CL", "math.AG", "cs.CL"));
        assertThat(both.topics())
                .extracting(TopicMatch::id, TopicMatch::score, TopicMatch::categories)
                .containsExactly(tuple("lm", 3.0, List.of("cs.CL")), tuple("bio", 2.5, List.of("cs.CL")));
        // no categories, an empty list and null classify as the text alone
        assertThat(toy.classify("", text, null)).isEqualTo(toy.classify("", text));
        assertThat(toy.classify("", text, List.of())).isEqualTo(toy.classify("", text));
    }

    @Test
    void aCategoryNeverGivesATopicTheTextHasNoEvidenceFor() {
        PaperClassifier toy = classifier(CATEGORIES);
        Classification none = toy.classify("", "Nothing the taxonomy knows.", List.of("q-bio.BM", "cs.CL"));
        assertThat(none.primary()).isEqualTo("other");
        assertThat(none.primaryMatch().categories()).isEmpty();
        // a passing mention stays one: the secondary minimum reads the text's score (1 < 1.5), not 1 x 2
        Classification passing =
                toy.classify("", "A language model, a language model. On a peptide.", List.of("q-bio.BM"));
        assertThat(passing.topicIds()).containsExactly("lm");
    }

    @Test
    void aCategoryMovesABorderlinePaperBetweenNeighboursButTheTextDecidesAClearOne() {
        // real corpus papers: cs.CV weighs for vision and multimodal alike, cs.CL for multimodal but not vision
        LabelledPaper allInOne = corpusPaper("Towards All-in-one Pre-training via Maximizing Multi-modal");
        assertThat(classify(allInOne, List.of()).primary()).isEqualTo("vision");
        assertThat(classify(allInOne, List.of("cs.CV")).primary()).isEqualTo("vision");
        Classification crossListed = classify(allInOne, List.of("cs.CV", "cs.CL"));
        assertThat(crossListed.primary()).isEqualTo("multimodal");
        assertThat(crossListed.primaryMatch().categories()).containsExactly("cs.CV", "cs.CL");
        assertThat(crossListed.secondaries())
                .extracting(TopicMatch::id, TopicMatch::categories)
                .containsExactly(tuple("vision", List.of("cs.CV")));

        LabelledPaper filip = corpusPaper("FILIP: Fine-grained Interactive Language-Image Pre-Training");
        assertThat(classify(filip, List.of("cs.CV")).primary()).isEqualTo("multimodal");
        LabelledPaper electra = corpusPaper("ELECTRA: Pre-training Text Encoders as Discriminators");
        assertThat(classify(electra, List.of("cs.CV")).primary()).isEqualTo("nlp");
        assertThat(classify(electra, List.of("cs.CV")).primaryMatch().categories())
                .isEmpty();
    }

    private static LabelledPaper corpusPaper(String titleStart) {
        return LabelledPaper.trendingCorpus().stream()
                .filter(paper -> paper.title().startsWith(titleStart))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no corpus paper " + titleStart));
    }

    private static Classification classify(LabelledPaper paper, List<String> categories) {
        return DEFAULT.classify(paper.title(), paper.abstractText(), categories);
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
