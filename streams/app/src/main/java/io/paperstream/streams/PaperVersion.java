package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicScore;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the pipeline remembers of the current version of a paper, per paper id: enough to see
 * that a re-ingested paper is unchanged (content hash) and to take back what a revised paper
 * counted (publication time, topics).
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

    /** The version of {@code paper} as processed at {@code eventTime}. */
    public static PaperVersion of(ClassifiedPaper paper, long eventTime) {
        return new PaperVersion(
                paper.getPaper().getContentHash(),
                eventTime,
                paper.getPrimaryTopic(),
                paper.getTopics().stream().map(TopicScore::getId).toList());
    }

    static Serde<PaperVersion> serde() {
        return new BinarySerde<>(
                1,
                (out, v) -> {
                    out.writeUTF(v.contentHash());
                    out.writeLong(v.eventTime());
                    out.writeUTF(v.primaryTopic());
                    BinarySerde.writeStrings(out, v.topics());
                },
                in -> new PaperVersion(in.readUTF(), in.readLong(), in.readUTF(), BinarySerde.readStrings(in)));
    }
}
