package io.paperstream.producer.replay;

import java.time.Instant;

/**
 * A paper a replay makes rise fast: ground truth of which papers should trend, and when.
 *
 * @param id the paper's id
 * @param publishedAt when it is published, and starts gaining
 * @param gainsUntil when its last observation is made (the end of its span, or of the replay)
 * @param upvotesPerDay its expected upvotes per day while it gains
 * @param starsPerDay its expected GitHub stars per day while it gains
 */
public record RisingPaper(
        String id, Instant publishedAt, Instant gainsUntil, double upvotesPerDay, double starsPerDay) {

    /** Whether it gains during some of [{@code from}, {@code to}). */
    public boolean gainsDuring(Instant from, Instant to) {
        return publishedAt.isBefore(to) && gainsUntil.isAfter(from);
    }
}
