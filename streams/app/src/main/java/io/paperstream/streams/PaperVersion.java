package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicScore;
import java.util.List;

/**
 * What the pipeline needs of the version of a paper it holds (in {@value StoreNames#SERVED_PAPERS}) when a paper
 * of the same id comes: enough to see that it is unchanged (content hash) and to take back what the version
 * counted (publication time, topics). Made from the stored paper; never stored itself.
 *
 * @param contentHash hash of the normalized title and abstract
 * @param eventTime event time of the version (its publication time; the windows it counted in)
 * @param primaryTopic its primary topic
 * @param topics all its topics, primary first
 */
public record PaperVersion(String contentHash, long eventTime, String primaryTopic, List<String> topics) {

    public PaperVersion {
        topics = List.copyOf(topics);
    }

    /**
     * The version of a stored paper. Its event time is its publication time: the pipeline's timestamp extractor
     * gives a paper that time, so it is the time the paper was processed at.
     */
    public static PaperVersion of(ClassifiedPaper paper) {
        return new PaperVersion(
                paper.getPaper().getContentHash(),
                paper.getPaper().getPaper().getPublishedAt().toEpochMilli(),
                paper.getPrimaryTopic(),
                paper.getTopics().stream().map(TopicScore::getId).toList());
    }
}
