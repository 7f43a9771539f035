package io.paperstream.producer.source;

import java.time.Instant;
import java.util.Objects;

/**
 * A paper's engagement figures seen again without the paper: what a poll yields when a paper sent before shows other
 * figures, and what a generated replay observes over time. (The figures seen with the paper itself travel in
 * {@link PaperRecord#engagement()}.)
 *
 * @param paperId the paper's id, as in its {@code PaperAbstract}
 * @param source where the figures come from: a {@link SourceFormat#id()} or {@code generator}
 * @param engagement the figures
 * @param location where they were read
 * @param observedAt when they were observed in the source's time, or {@code null} for the time of reading
 */
public record EngagementRecord(
        String paperId, String source, Engagement engagement, SourceLocation location, Instant observedAt)
        implements ReadResult {

    public EngagementRecord {
        Objects.requireNonNull(paperId, "paperId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engagement, "engagement");
        Objects.requireNonNull(location, "location");
    }
}
