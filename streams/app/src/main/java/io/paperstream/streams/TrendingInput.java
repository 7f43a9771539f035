package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperEngagement;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the trending stage hears of a paper, on the internal topic that gathers both inputs in one place: either its
 * card (what a ranking shows of it, from papers.classified) or one engagement observation.
 *
 * @param paperId the paper's id
 * @param card the paper's card, or {@code null} for an observation
 * @param observation an engagement observation, or {@code null} for a card
 */
public record TrendingInput(String paperId, Card card, Observation observation) {

    /**
     * What a ranking shows of a paper.
     *
     * @param title its title
     * @param primaryTopic its primary topic id
     * @param url link to the paper, or {@code null}
     * @param codeUrl link to its code, or {@code null}
     */
    public record Card(String title, String primaryTopic, String url, String codeUrl) {}

    /**
     * Totals observed at a time; a metric the source did not report is {@code null}.
     *
     * @param observedAt epoch ms
     * @param upvotes total upvotes
     * @param stars total GitHub stars
     */
    public record Observation(long observedAt, Long upvotes, Long stars) {}

    public TrendingInput {
        if ((card == null) == (observation == null)) {
            throw new IllegalArgumentException("a trending input is a card or an observation, exactly one");
        }
    }

    static TrendingInput card(ClassifiedPaper paper) {
        EnrichedPaper enriched = paper.getPaper();
        String codeUrl =
                enriched.getCodeUrls().isEmpty() ? null : enriched.getCodeUrls().get(0);
        return new TrendingInput(
                enriched.getPaper().getId(),
                new Card(
                        enriched.getPaper().getTitle(),
                        paper.getPrimaryTopic(),
                        PaperSighting.paperUrl(enriched),
                        codeUrl),
                null);
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

    static Serde<TrendingInput> serde() {
        return new BinarySerde<>(1, TrendingInput::write, TrendingInput::read);
    }

    private static void write(DataOutputStream out, TrendingInput input) throws IOException {
        out.writeUTF(input.paperId());
        out.writeBoolean(input.card() != null);
        if (input.card() != null) {
            writeCard(out, input.card());
        } else {
            out.writeLong(input.observation().observedAt());
            writeCount(out, input.observation().upvotes());
            writeCount(out, input.observation().stars());
        }
    }

    private static TrendingInput read(DataInputStream in) throws IOException {
        String paperId = in.readUTF();
        if (in.readBoolean()) {
            return new TrendingInput(paperId, readCard(in), null);
        }
        return new TrendingInput(paperId, null, new Observation(in.readLong(), readCount(in), readCount(in)));
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

    /** A count or null as a long, -1 for null (counts are never negative). */
    private static void writeCount(DataOutputStream out, Long count) throws IOException {
        out.writeLong(count == null ? -1 : count);
    }

    private static Long readCount(DataInputStream in) throws IOException {
        long count = in.readLong();
        return count < 0 ? null : count;
    }
}
