package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import io.paperstream.search.IndexedPaper;
import io.paperstream.search.PaperIndex;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's paper search: a {@link PaperIndex} for each active partition of the served papers, built by the
 * serving stage from the partition's store when its task starts (after any restore) and kept in step with every
 * paper it stores; the API searches them. A partition without an index is still restoring, or not here.
 *
 * <p>Stored papers are indexed on one indexing thread, in the order they were stored, so that analysing their
 * text stays off the stream threads (it would cost them about half again per paper); a search first waits
 * (briefly) for the papers stored before it to be indexed.
 */
public final class PaperSearch {

    /** Papers handed to the indexing thread and not yet indexed; a stream thread waits when there are this many. */
    static final int MAX_PENDING = 10_000;
    /** How long a search waits for the papers stored before it to be indexed, before it answers without them. */
    static final long CATCH_UP_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(PaperSearch.class);

    private final Map<Integer, PaperIndex> partitions = new ConcurrentHashMap<>();
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    // one thread keeps each paper's updates in order; it ends when idle, so an unused search holds no thread
    private final ThreadPoolExecutor indexer =
            new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "paper-indexer");
                thread.setDaemon(true);
                return thread;
            });

    /** Serves {@code index} as the index of {@code partition} (called on a stream thread). */
    void open(int partition, PaperIndex index) {
        partitions.put(partition, index);
    }

    /**
     * Hands {@code paper}, just stored, to the indexing thread for {@code index} (called on a stream thread);
     * {@code replaces} when the index holds an earlier version of it (a new paper is only added, which is cheaper).
     */
    void index(PaperIndex index, ClassifiedPaper paper, boolean replaces) {
        IndexedPaper indexed = indexed(paper);
        pending.acquireUninterruptibly();
        indexer.execute(() -> {
            try {
                if (replaces) {
                    index.put(indexed);
                } else {
                    index.add(indexed);
                }
            } catch (RuntimeException e) {
                LOG.error("paper {} could not be indexed and will not be found by search", indexed.id(), e);
            } finally {
                pending.release();
            }
        });
    }

    /**
     * Stops serving {@code index} for {@code partition}, unless a newer one replaced it there, and closes it once
     * the papers handed over before are indexed.
     */
    void close(int partition, PaperIndex index) {
        partitions.remove(partition, index);
        afterPending(index::close).join();
    }

    /**
     * The index of a local partition, with the papers stored before this call indexed (unless that takes longer
     * than {@link #CATCH_UP_MS}); unavailable while it is being built.
     */
    PaperIndex partition(int partition) {
        PaperIndex index = partitions.get(partition);
        if (index == null) {
            throw new StoreUnavailableException("the paper index of partition " + partition + " is being built");
        }
        try {
            afterPending(() -> {}).get(CATCH_UP_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("searching partition {} while papers stored before are still being indexed", partition);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the paper indexing thread failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the paper index catches up");
        }
        return index;
    }

    /** Runs {@code action} on the indexing thread after every paper handed over before it. */
    private CompletableFuture<Void> afterPending(Runnable action) {
        return CompletableFuture.runAsync(action, indexer);
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
