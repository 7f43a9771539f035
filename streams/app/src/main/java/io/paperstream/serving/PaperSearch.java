package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import io.paperstream.search.IndexedPaper;
import io.paperstream.search.PaperIndex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's paper search: a {@link PaperIndex} for each active partition of the served papers, built by the
 * serving stage from the partition's store when its task starts (after any restore) and kept in step with every
 * paper it stores; the API searches them. A partition without an index is still restoring, or not here.
 */
public final class PaperSearch {

    private final Map<Integer, PaperIndex> partitions = new ConcurrentHashMap<>();

    /** Serves {@code index} as the index of {@code partition} (called on a stream thread). */
    void open(int partition, PaperIndex index) {
        partitions.put(partition, index);
    }

    /** Closes {@code index} and stops serving it for {@code partition}, unless a newer one replaced it there. */
    void close(int partition, PaperIndex index) {
        partitions.remove(partition, index);
        index.close();
    }

    /** The index of a local partition; unavailable while it is being built. */
    PaperIndex partition(int partition) {
        PaperIndex index = partitions.get(partition);
        if (index == null) {
            throw new StoreUnavailableException("the paper index of partition " + partition + " is being built");
        }
        return index;
    }

    /** What the index keeps of a classified paper. */
    static IndexedPaper indexed(ClassifiedPaper classified) {
        EnrichedPaper enriched = classified.getPaper();
        return new IndexedPaper(
                enriched.getPaper().getId(),
                enriched.getPaper().getTitle(),
                enriched.getPaper().getAbstract$(),
                enriched.getPaper().getPublishedAt().toEpochMilli(),
                classified.getTopics().stream().map(TopicScore::getId).toList(),
                enriched.getKeyphrases());
    }
}
