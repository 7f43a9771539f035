package io.paperstream.classify;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import java.util.List;

/** Turns an enriched paper and its classification into the {@code ClassifiedPaper} record of papers.classified. */
public final class ClassifiedPapers {

    private ClassifiedPapers() {}

    /** The ClassifiedPaper record of an enriched paper and its classification. */
    public static ClassifiedPaper of(EnrichedPaper paper, Classification classification) {
        List<TopicScore> topics = classification.topics().stream()
                .map(t -> TopicScore.newBuilder()
                        .setId(t.id())
                        .setScore(t.score())
                        .setEvidence(t.evidence())
                        .setCategories(t.categories())
                        .build())
                .toList();
        return ClassifiedPaper.newBuilder()
                .setPaper(paper)
                .setPrimaryTopic(classification.primary())
                .setTopics(topics)
                .setTaxonomyVersion(classification.taxonomyVersion())
                .build();
    }
}
