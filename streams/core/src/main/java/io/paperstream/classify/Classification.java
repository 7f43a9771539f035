package io.paperstream.classify;

import java.util.List;

/**
 * The topics of one paper: its primary topic and the secondary topics it clearly concerns.
 *
 * @param primary taxonomy id of the primary topic
 * @param topics the assigned topics, primary first, then secondaries by descending score
 * @param taxonomyVersion version of the taxonomy that produced this classification
 */
public record Classification(String primary, List<TopicMatch> topics, String taxonomyVersion) {

    public Classification {
        topics = List.copyOf(topics);
        if (topics.isEmpty() || !topics.get(0).id().equals(primary)) {
            throw new IllegalArgumentException("the first topic must be the primary " + primary);
        }
    }

    /** The primary topic with its score and evidence. */
    public TopicMatch primaryMatch() {
        return topics.get(0);
    }

    /** The secondary topics, strongest first. */
    public List<TopicMatch> secondaries() {
        return topics.subList(1, topics.size());
    }

    /** Ids of all assigned topics, primary first. */
    public List<String> topicIds() {
        return topics.stream().map(TopicMatch::id).toList();
    }
}
