package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperEngagement;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What the engagement stage hears of a paper, in the task that holds the paper (papers.engagement is keyed and
 * partitioned like the papers): either a new version of the paper (classified) or one engagement observation.
 *
 * @param paperId the paper's id
 * @param paper the paper's new version, or {@code null} for an observation
 * @param observation an engagement observation, or {@code null} for a paper
 */
public record TrendingInput(String paperId, ClassifiedPaper paper, Observation observation) {

    /**
     * What a ranking shows of a paper.
     *
     * @param title its title
     * @param primaryTopic its primary topic id
     * @param url link to the paper, or {@code null}
     * @param codeUrl link to its code, or {@code null}
     */
    public record Card(String title, String primaryTopic, String url, String codeUrl) {

        /** The card of a classified paper. */
        static Card of(ClassifiedPaper paper) {
            EnrichedPaper enriched = paper.getPaper();
            String codeUrl = enriched.getCodeUrls().isEmpty()
                    ? null
                    : enriched.getCodeUrls().get(0);
            return new Card(
                    enriched.getPaper().getTitle(), paper.getPrimaryTopic(), PaperSighting.paperUrl(enriched), codeUrl);
        }
    }

    /**
     * Totals observed at a time; a metric the source did not report is {@code null}.
     *
     * @param observedAt epoch ms
     * @param upvotes total upvotes
     * @param stars total GitHub stars
     */
    public record Observation(long observedAt, Long upvotes, Long stars) {}

    public TrendingInput {
        if ((paper == null) == (observation == null)) {
            throw new IllegalArgumentException("a trending input is a paper or an observation, exactly one");
        }
    }

    static TrendingInput paper(ClassifiedPaper paper) {
        return new TrendingInput(paper.getPaper().getPaper().getId(), paper, null);
    }

    static TrendingInput observation(PaperEngagement engagement) {
        return new TrendingInput(
                engagement.getPaperId(),
                null,
                new Observation(
                        engagement.getObservedAt().toEpochMilli(),
                        engagement.getUpvotes(),
                        engagement.getGithubStars()));
    }

    static void writeCard(DataOutputStream out, Card card) throws IOException {
        out.writeUTF(card.title());
        out.writeUTF(card.primaryTopic());
        BinarySerde.writeNullable(out, card.url());
        BinarySerde.writeNullable(out, card.codeUrl());
    }

    static Card readCard(DataInputStream in) throws IOException {
        return new Card(in.readUTF(), in.readUTF(), BinarySerde.readNullable(in), BinarySerde.readNullable(in));
    }
}
