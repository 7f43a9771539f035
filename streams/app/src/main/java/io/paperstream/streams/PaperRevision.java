package io.paperstream.streams;

/**
 * A new or changed paper on its way through the pipeline (in memory only, never serialized).
 *
 * @param previous the version it replaces, or {@code null} for a paper seen for the first time
 * @param current the new version
 * @param <T> the type of the new version at this stage (enriched, then classified)
 */
public record PaperRevision<T>(PaperVersion previous, T current) {

    public boolean firstSighting() {
        return previous == null;
    }

    public <U> PaperRevision<U> withCurrent(U next) {
        return new PaperRevision<>(previous, next);
    }
}
