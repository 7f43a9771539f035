package io.paperstream.streams;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The papers of one closed window: how many carry each topic and keyphrase, and which of them
 * represent a topic or keyphrase best.
 */
final class WindowPapers {

    private final List<PaperSighting> papers;
    private final Map<String, Long> topicCounts = new HashMap<>();
    private final Map<String, Long> keyphraseCounts = new HashMap<>();

    WindowPapers(List<PaperSighting> papers) {
        this.papers = List.copyOf(papers);
        for (PaperSighting paper : this.papers) {
            for (PaperSighting.ScoredTopic topic : paper.topics()) {
                topicCounts.merge(topic.id(), 1L, Long::sum);
            }
            Set<String> distinct = new HashSet<>(paper.keyphrases());
            for (String keyphrase : distinct) {
                keyphraseCounts.merge(keyphrase, 1L, Long::sum);
            }
        }
    }

    int size() {
        return papers.size();
    }

    /** Papers per topic (any assignment). */
    Map<String, Long> topicCounts() {
        return topicCounts;
    }

    /** Papers per keyphrase. */
    Map<String, Long> keyphraseCounts() {
        return keyphraseCounts;
    }

    /** The {@code limit} papers with the highest classifier score for the topic (ties by paper id). */
    List<PaperSighting> representativesOfTopic(String topic, int limit) {
        return distinctTitles(
                papers.stream()
                        .filter(p -> p.topics().stream().anyMatch(t -> t.id().equals(topic)))
                        .sorted(Comparator.comparingDouble((PaperSighting p) -> scoreFor(p, topic))
                                .reversed()
                                .thenComparing(PaperSighting::paperId)),
                limit);
    }

    /** The {@code limit} papers where the keyphrase ranks highest among their keyphrases (ties by paper id). */
    List<PaperSighting> representativesOfKeyphrase(String keyphrase, int limit) {
        return distinctTitles(
                papers.stream()
                        .filter(p -> p.keyphrases().contains(keyphrase))
                        .sorted(Comparator.comparingInt(
                                        (PaperSighting p) -> p.keyphrases().indexOf(keyphrase))
                                .thenComparing(PaperSighting::paperId)),
                limit);
    }

    /** The first {@code limit} papers with different titles: one paper ingested under two ids (two sources) is shown once. */
    private static List<PaperSighting> distinctTitles(Stream<PaperSighting> ranked, int limit) {
        Set<String> titles = new HashSet<>();
        return ranked.filter(p -> titles.add(p.title().strip().toLowerCase(Locale.ROOT)))
                .limit(limit)
                .toList();
    }

    private static double scoreFor(PaperSighting paper, String topic) {
        for (PaperSighting.ScoredTopic scored : paper.topics()) {
            if (scored.id().equals(topic)) {
                return scored.score();
            }
        }
        return Double.NEGATIVE_INFINITY;
    }
}
