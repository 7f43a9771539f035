package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * A paper as the trend and digest stage needs it, or the retraction of one: the record of the
 * internal topic that gathers every window's papers in one place. Its timestamp is the paper's
 * publication time (for a retraction, the one of the version taken back).
 *
 * @param paperId paper id
 * @param retraction true when a revision takes this paper back out of its windows
 * @param title title, as shown in a digest
 * @param url link to the paper, or {@code null}
 * @param codeUrl link to its code, or {@code null}
 * @param topics its topics with their classifier scores, primary first
 * @param keyphrases its keyphrases, most salient first
 */
public record PaperSighting(
        String paperId,
        boolean retraction,
        String title,
        String url,
        String codeUrl,
        List<ScoredTopic> topics,
        List<String> keyphrases) {

    /**
     * One topic of a paper with the classifier's score for it.
     *
     * @param id topic id
     * @param score classifier score
     */
    public record ScoredTopic(String id, double score) {}

    public PaperSighting {
        topics = List.copyOf(topics);
        keyphrases = List.copyOf(keyphrases);
    }

    public static PaperSighting of(ClassifiedPaper paper) {
        EnrichedPaper enriched = paper.getPaper();
        List<ScoredTopic> topics = new ArrayList<>(paper.getTopics().size());
        for (TopicScore topic : paper.getTopics()) {
            topics.add(new ScoredTopic(topic.getId(), topic.getScore()));
        }
        String codeUrl =
                enriched.getCodeUrls().isEmpty() ? null : enriched.getCodeUrls().get(0);
        return new PaperSighting(
                enriched.getPaper().getId(),
                false,
                enriched.getPaper().getTitle(),
                paperUrl(enriched),
                codeUrl,
                topics,
                enriched.getKeyphrases());
    }

    public static PaperSighting retractionOf(String paperId) {
        return new PaperSighting(paperId, true, "", null, null, List.of(), List.of());
    }

    /** The arXiv abstract page when the id is known, else the first non-code link of the source or the text. */
    public static String paperUrl(EnrichedPaper paper) {
        if (paper.getArxivId() != null) {
            return "https://arxiv.org/abs/" + paper.getArxivId();
        }
        for (List<String> links : List.of(paper.getPaper().getLinks(), paper.getUrls())) {
            for (String link : links) {
                if (!paper.getCodeUrls().contains(link)) {
                    return link;
                }
            }
        }
        return null;
    }

    static Serde<PaperSighting> serde() {
        return new BinarySerde<>(1, PaperSighting::write, PaperSighting::read);
    }

    private static void write(DataOutputStream out, PaperSighting s) throws IOException {
        out.writeUTF(s.paperId());
        out.writeBoolean(s.retraction());
        out.writeUTF(s.title());
        BinarySerde.writeNullable(out, s.url());
        BinarySerde.writeNullable(out, s.codeUrl());
        out.writeInt(s.topics().size());
        for (ScoredTopic topic : s.topics()) {
            out.writeUTF(topic.id());
            out.writeDouble(topic.score());
        }
        BinarySerde.writeStrings(out, s.keyphrases());
    }

    private static PaperSighting read(DataInputStream in) throws IOException {
        String paperId = in.readUTF();
        boolean retraction = in.readBoolean();
        String title = in.readUTF();
        String url = BinarySerde.readNullable(in);
        String codeUrl = BinarySerde.readNullable(in);
        int topicCount = in.readInt();
        List<ScoredTopic> topics = new ArrayList<>(topicCount);
        for (int i = 0; i < topicCount; i++) {
            topics.add(new ScoredTopic(in.readUTF(), in.readDouble()));
        }
        return new PaperSighting(paperId, retraction, title, url, codeUrl, topics, BinarySerde.readStrings(in));
    }
}
