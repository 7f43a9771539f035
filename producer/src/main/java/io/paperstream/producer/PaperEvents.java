package io.paperstream.producer;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.producer.source.Engagement;
import io.paperstream.producer.source.PaperRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns a paper read from a source into the {@code PaperAbstract} event written to {@code papers.raw}, and its
 * engagement figures into the {@code PaperEngagement} event written to {@code papers.engagement}.
 */
public final class PaperEvents {

    private PaperEvents() {}

    /**
     * The event for a paper. Times are cut to milliseconds, the precision of the schema's
     * {@code timestamp-millis}, so a dry run shows exactly what Kafka receives.
     *
     * @param paper the paper as read
     * @param publishedAt its event time
     * @param ingestedAt when it was read
     */
    public static PaperAbstract toEvent(PaperRecord paper, Instant publishedAt, Instant ingestedAt) {
        return toEvent(paper, paper.format().id(), publishedAt, ingestedAt);
    }

    /**
     * The event for a paper from a source other than its format, such as the replay generator.
     *
     * @param paper the paper
     * @param source the event's {@code source}
     * @param publishedAt its event time
     * @param ingestedAt when it was read
     */
    public static PaperAbstract toEvent(PaperRecord paper, String source, Instant publishedAt, Instant ingestedAt) {
        return PaperAbstract.newBuilder()
                .setId(paper.id())
                .setTitle(paper.title())
                .setAbstract$(paper.abstractText())
                .setAuthors(paper.authors())
                .setCategories(paper.categories())
                .setLinks(paper.links())
                .setSource(source)
                .setSourceUri(paper.location().uri())
                .setPublishedAt(publishedAt.truncatedTo(ChronoUnit.MILLIS))
                .setIngestedAt(ingestedAt.truncatedTo(ChronoUnit.MILLIS))
                .setOriginalTitle(paper.originalTitle())
                .setOriginalAbstract(paper.originalAbstract())
                .setUpdatedAt(
                        paper.updatedAt() == null ? null : paper.updatedAt().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    /**
     * The engagement event of a paper's figures, its time cut to milliseconds as the paper's.
     *
     * @param paperId the paper's id
     * @param source where the figures come from
     * @param figures the figures
     * @param sourceUri where they were read, or {@code null}
     * @param observedAt when they were observed
     */
    public static PaperEngagement toEngagement(
            String paperId, String source, Engagement figures, String sourceUri, Instant observedAt) {
        return PaperEngagement.newBuilder()
                .setPaperId(paperId)
                .setSource(source)
                .setObservedAt(observedAt.truncatedTo(ChronoUnit.MILLIS))
                .setUpvotes(figures.upvotes())
                .setGithubStars(figures.githubStars())
                .setComments(figures.comments())
                .setSourceUri(sourceUri)
                .build();
    }
}
