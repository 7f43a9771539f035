package io.paperstream.producer.source;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A paper as read from a source, before it becomes a {@code PaperAbstract} event: its title and
 * abstract as people read them ({@link io.paperstream.text.TextNormalizer}), the source's text where that differs,
 * and the source's own metadata and location.
 *
 * @param id the paper id ({@link PaperId}): the arXiv id when known, else {@code h:} and a
 *     hash of the normalized title
 * @param title the title, normalized
 * @param abstractText the abstract, normalized
 * @param originalTitle the title exactly as in the source; kept only when it differs from
 *     {@code title}, else null
 * @param originalAbstract the abstract exactly as in the source; kept only when it differs from
 *     {@code abstractText}, else null
 * @param authors author names in source order; empty when the source has none
 * @param categories source categories such as {@code cs.CL}; empty when the source has none
 * @param links links the source gives for the paper (landing page, PDF, code)
 * @param format the source format
 * @param location where the paper starts in the source (its title line for text, its line
 *     for JSON)
 * @param sourceTime the publication time the source gives (arXiv: the first version's), or {@code null} when it
 *     gives none
 * @param revision the latest version the source gives, or {@code null} when it gives no versions
 * @param engagement the engagement figures the source shows with the paper, or {@code null} when it shows none
 */
public record PaperRecord(
        String id,
        String title,
        String abstractText,
        String originalTitle,
        String originalAbstract,
        List<String> authors,
        List<String> categories,
        List<String> links,
        SourceFormat format,
        SourceLocation location,
        Instant sourceTime,
        Revision revision,
        Engagement engagement)
        implements ReadResult {

    /**
     * A paper's latest version as its source gives it.
     *
     * @param number the version number ({@code 2} for {@code v2}), or 0 when the source gives only its time
     * @param submitted when the version was submitted
     */
    public record Revision(int number, Instant submitted) {

        public Revision {
            Objects.requireNonNull(submitted, "submitted");
            if (number < 0) {
                throw new IllegalArgumentException("version number must not be negative: " + number);
            }
        }

        /** Whether this version is later than {@code other}: by number when both have one, else by time. */
        public boolean isLaterThan(Revision other) {
            if (number > 0 && other.number > 0) {
                return number > other.number;
            }
            return submitted.isAfter(other.submitted);
        }
    }

    /** When the latest version was submitted, or {@code null} when the source gives no versions. */
    public Instant updatedAt() {
        return revision == null ? null : revision.submitted();
    }

    public PaperRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(abstractText, "abstractText");
        originalTitle = title.equals(originalTitle) ? null : originalTitle;
        originalAbstract = abstractText.equals(originalAbstract) ? null : originalAbstract;
        authors = List.copyOf(authors);
        categories = List.copyOf(categories);
        links = List.copyOf(links);
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
    }

    /** A paper from a source that shows no engagement figures. */
    public PaperRecord(
            String id,
            String title,
            String abstractText,
            String originalTitle,
            String originalAbstract,
            List<String> authors,
            List<String> categories,
            List<String> links,
            SourceFormat format,
            SourceLocation location,
            Instant sourceTime,
            Revision revision) {
        this(
                id,
                title,
                abstractText,
                originalTitle,
                originalAbstract,
                authors,
                categories,
                links,
                format,
                location,
                sourceTime,
                revision,
                null);
    }
}
