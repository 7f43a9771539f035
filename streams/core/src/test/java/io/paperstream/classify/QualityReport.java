package io.paperstream.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Classifier quality against expert labels: primary accuracy, multi-label micro precision, recall
 * and F1 over all assigned topics, the primary confusion pairs, and the papers that disagree.
 */
public final class QualityReport {

    private int papers;
    private int primaryCorrect;
    private int truePositives;
    private int falsePositives;
    private int falseNegatives;
    private final Map<String, Integer> confusions = new TreeMap<>();
    private final List<String> disagreements = new ArrayList<>();

    /** Classifies every paper, with its categories, by {@code classifier} and compares with its labels. */
    public static QualityReport evaluate(PaperClassifier classifier, List<LabelledPaper> labelled) {
        QualityReport report = new QualityReport();
        for (LabelledPaper paper : labelled) {
            report.add(paper, classifier.classify(paper.title(), paper.abstractText(), paper.categories()));
        }
        return report;
    }

    private void add(LabelledPaper paper, Classification result) {
        papers++;
        if (result.primary().equals(paper.primary())) {
            primaryCorrect++;
        } else {
            confusions.merge(paper.primary() + " -> " + result.primary(), 1, Integer::sum);
        }
        Set<String> expected = paper.allTopics();
        List<String> assigned = result.topicIds();
        int hits = (int) assigned.stream().filter(expected::contains).count();
        truePositives += hits;
        falsePositives += assigned.size() - hits;
        falseNegatives += expected.size() - hits;
        if (!result.primary().equals(paper.primary()) || !Set.copyOf(assigned).equals(expected)) {
            StringBuilder line = new StringBuilder();
            line.append(result.primary().equals(paper.primary()) ? "  " : "P ")
                    .append(paper.title(), 0, Math.min(70, paper.title().length()))
                    .append("\n      expected ")
                    .append(paper.primary())
                    .append(' ')
                    .append(paper.secondaries())
                    .append("\n      got      ");
            for (TopicMatch topic : result.topics()) {
                line.append(topic.id())
                        .append('=')
                        .append(topic.score())
                        .append(topic.evidence()
                                .subList(0, Math.min(4, topic.evidence().size())))
                        .append(' ');
            }
            disagreements.add(line.toString());
        }
    }

    public double primaryAccuracy() {
        return papers == 0 ? 0 : (double) primaryCorrect / papers;
    }

    public double microPrecision() {
        return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double microRecall() {
        return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double microF1() {
        double p = microPrecision();
        double r = microRecall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** A printable summary: the figures, the confusion pairs and, if asked, every disagreement. */
    public String summary(boolean withDisagreements) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "papers %d, primary accuracy %.3f, micro precision %.3f, recall %.3f, F1 %.3f%n",
                papers, primaryAccuracy(), microPrecision(), microRecall(), microF1()));
        text.append("primary confusions (expected -> got): ").append(confusions).append('\n');
        if (withDisagreements) {
            disagreements.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }
}
