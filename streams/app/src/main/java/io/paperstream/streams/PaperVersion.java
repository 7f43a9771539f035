package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.TopicScore;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the pipeline remembers of the current version of a paper, per paper id: enough to see
 * that a re-ingested paper is unchanged (content hash), to take back what a revised paper
 * counted (publication time, topics) and to show it in a trending ranking (its card).
 *
 * @param contentHash hash of the normalized title and abstract
 * @param eventTime event time of the version (its publication time; the windows it counted in)
 * @param primaryTopic its primary topic
 * @param topics all its topics, primary first
 * @param card what a ranking shows of it, or {@code null} for a version stored before cards were kept
 */
public record PaperVersion(
        String contentHash, long eventTime, String primaryTopic, List<String> topics, TrendingInput.Card card) {

    /** The first layout: no card. */
    private static final int WITHOUT_CARD = 1;

    private static final int WITH_CARD = 2;

    public PaperVersion {
        topics = List.copyOf(topics);
    }

    /** The version of {@code paper} as processed at {@code eventTime}. */
    public static PaperVersion of(ClassifiedPaper paper, long eventTime) {
        return new PaperVersion(
                paper.getPaper().getContentHash(),
                eventTime,
                paper.getPrimaryTopic(),
                topicIds(paper),
                TrendingInput.Card.of(paper));
    }

    /** The ids of {@code paper}'s topics, primary first. */
    static List<String> topicIds(ClassifiedPaper paper) {
        return paper.getTopics().stream().map(TopicScore::getId).toList();
    }

    static Serde<PaperVersion> serde() {
        return new BinarySerde<PaperVersion>(
                        WITH_CARD,
                        (out, v) -> {
                            out.writeUTF(v.contentHash());
                            out.writeLong(v.eventTime());
                            out.writeUTF(v.primaryTopic());
                            BinarySerde.writeStrings(out, v.topics());
                            out.writeBoolean(v.card() != null);
                            if (v.card() != null) {
                                TrendingInput.writeCard(out, v.card());
                            }
                        },
                        in -> new PaperVersion(
                                in.readUTF(),
                                in.readLong(),
                                in.readUTF(),
                                BinarySerde.readStrings(in),
                                in.readBoolean() ? TrendingInput.readCard(in) : null))
                .readingAlso(
                        WITHOUT_CARD,
                        in -> new PaperVersion(
                                in.readUTF(), in.readLong(), in.readUTF(), BinarySerde.readStrings(in), null));
    }
}
