package io.paperstream.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifier against expert labels: the 116 papers of the shared real corpus (labelled by
 * reading every abstract, before tuning) and a generalisation set of abstracts written for this
 * test in areas the corpus barely covers.
 */
class ClassifierQualityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierQualityTest.class);
    private static final PaperClassifier CLASSIFIER = PaperClassifier.withDefaultTaxonomy();

    @Test
    void meetsTheQualityBarsOnTheRealCorpus() {
        List<LabelledPaper> labelled = LabelledPaper.trendingCorpus();
        assertThat(labelled).hasSize(116);
        QualityReport report = QualityReport.evaluate(CLASSIFIER, labelled);
        LOG.info("trending corpus: {}", report.summary(true));

        assertThat(report.primaryAccuracy()).as(report.summary(false)).isGreaterThanOrEqualTo(0.85);
        assertThat(report.microF1()).as(report.summary(false)).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void generalisesToAbstractsOutsideTheCorpus() {
        List<LabelledPaper> labelled = LabelledPaper.read("/labels/generalisation-labels.tsv", null);
        assertThat(labelled).hasSizeGreaterThanOrEqualTo(30);
        QualityReport report = QualityReport.evaluate(CLASSIFIER, labelled);
        LOG.info("generalisation set: {}", report.summary(true));

        assertThat(report.primaryAccuracy()).as(report.summary(false)).isGreaterThanOrEqualTo(0.85);
        assertThat(report.microF1()).as(report.summary(false)).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void labelsUseOnlyTaxonomyTopics() {
        List<String> ids = CLASSIFIER.taxonomy().topicIds();
        for (LabelledPaper paper : LabelledPaper.trendingCorpus()) {
            assertThat(ids).as(paper.title()).containsAll(paper.allTopics());
            assertThat(paper.secondaries()).as(paper.title()).doesNotContain(paper.primary());
        }
    }
}
