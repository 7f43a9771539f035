package io.paperstream.it;

import io.paperstream.classify.Classification;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.serving.ApiModel.TopicCountView;
import io.paperstream.serving.ApiModel.TopicsView;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The corpus's primary count per topic: as the offline classifier says, and as a running instance's API serves. */
final class CorpusTopicCounts {

    private CorpusTopicCounts() {}

    /** Papers per primary topic of the corpus, by the default taxonomy's classifier. */
    static Map<String, Long> expected() {
        PaperClassifier classifier = PaperClassifier.withDefaultTaxonomy();
        return Corpus.papers().stream()
                .map(paper -> classifier.classify(paper.title(), paper.abstractText()))
                .collect(Collectors.groupingBy(Classification::primary, TreeMap::new, Collectors.counting()));
    }

    /** The non-zero primary counts {@code GET /api/topics} of the instance at {@code api} answers ({@code query}). */
    static Map<String, Long> served(ApiClient client, URI api, String query) {
        return client.getJson(api.resolve("/api/topics" + query), TopicsView.class).topics().stream()
                .filter(count -> count.primaryCount() > 0)
                .collect(
                        Collectors.toMap(TopicCountView::topic, TopicCountView::primaryCount, Long::sum, TreeMap::new));
    }
}
