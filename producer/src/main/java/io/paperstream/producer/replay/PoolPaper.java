package io.paperstream.producer.replay;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicScore;
import io.paperstream.producer.source.PaperRecord;
import java.util.List;
import java.util.Objects;

/**
 * A paper of the pool a replay draws from, with what the streams application makes of it.
 *
 * @param index its position in the pool
 * @param record the paper as read
 * @param classified its enrichment and classification, as the streams application computes them
 */
public record PoolPaper(int index, PaperRecord record, ClassifiedPaper classified) {

    public PoolPaper {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(classified, "classified");
    }

    /** Taxonomy id of the primary topic. */
    public String primary() {
        return classified.getPrimaryTopic();
    }

    /** Ids of all assigned topics, primary first. */
    public List<String> topics() {
        return classified.getTopics().stream().map(TopicScore::getId).toList();
    }

    /** The keyphrases, most salient first. */
    public List<String> keyphrases() {
        return classified.getPaper().getKeyphrases();
    }

    /** Whether the paper carries the key of a burst of this kind: as primary topic, or among its keyphrases. */
    public boolean carries(BurstSpec.Kind kind, String key) {
        return kind == BurstSpec.Kind.TOPIC
                ? primary().equals(key)
                : keyphrases().contains(key);
    }
}
