package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.TopicScore;
import io.paperstream.search.IndexFingerprint;
import io.paperstream.search.IndexedPaper;
import io.paperstream.search.LowPriorityThreads;
import io.paperstream.search.PaperIndex;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's paper search: a {@link PaperIndex} for each active partition of the served papers, kept from the
 * last run when it holds exactly the partition's store, else built from the store when its task starts (after any
 * restore), and kept in step with every paper it stores; the API searches them. A partition without an index is
 * still restoring, being checked or built, or not here.
 *
 * <p>Stored papers are indexed on one indexing thread, in the order they were stored, so that analysing their
 * text stays off the stream threads (it would cost them about half again per paper); a search first waits
 * (briefly) for the papers stored before it to be indexed.
 *
 * <p>A task's index is checked or built on a thread of its own while the task processes papers (at arXiv's size a
 * build takes minutes and a check about a minute, which the task's stream thread would otherwise spend not processing,
 * nor polling): the check and the build read the store as it was when they started, and the papers stored since then
 * are indexed as they come. A kept index that differs from its store is cleared and built again. A paper stored again
 * during a build is indexed again once the build is done, so that its version from the store, which the build may add
 * after it, does not stay. Checks and builds run one at a time, builds each on every core.
 *
 * <p>The build threads and the index's merges run at a lower CPU priority than the stream threads
 * ({@link LowPriorityThreads}): the index is a cache of the store, and its large merges should wait for the processing,
 * not the other way. The indexing thread does not: a stream thread waits for it when {@link #MAX_PENDING} papers are
 * pending, and would then wait behind every other thread that wants a core.
 */
public final class PaperSearch {

    /** Papers handed to the indexing thread and not yet indexed; a stream thread waits when there are this many. */
    static final int MAX_PENDING = 10_000;
    /** How long a search waits for the papers stored before it to be indexed, before it answers without them. */
    static final long CATCH_UP_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(PaperSearch.class);

    private final Map<Integer, PaperIndex> partitions = new ConcurrentHashMap<>();
    /** The build of each partition whose index is not served yet: under way, waiting for its turn, or failed. */
    private final Map<Integer, Build> builds = new ConcurrentHashMap<>();

    private final Semaphore pending = new Semaphore(MAX_PENDING);
    // one thread keeps each paper's updates in order; it ends when idle, so an unused search holds no thread
    // at the stream threads' priority, since they may wait for it; but not while a build or a check is registered
    // (see building): made by a build thread, it would inherit that thread's lower priority
    private final ThreadPoolExecutor indexer = idleEndingThread(task -> {
        Thread thread = new Thread(task, "paper-indexer");
        thread.setDaemon(true);
        return thread;
    });
    private final ThreadPoolExecutor builder =
            idleEndingThread(task -> LowPriorityThreads.daemon("paper-index-build", task));
    private final int buildThreads;
    private final Consumer<Start> starts;

    /** How a partition's index started: kept from the last run, or built from the store. */
    enum Start {
        KEPT,
        BUILT
    }

    /**
     * A search whose builds each run on as many threads as there are cores, and that tells {@code starts} how each
     * partition's index started (on a stream or build thread).
     */
    PaperSearch(Consumer<Start> starts) {
        this(Runtime.getRuntime().availableProcessors(), starts);
    }

    PaperSearch(int buildThreads, Consumer<Start> starts) {
        this.buildThreads = buildThreads;
        this.starts = starts;
        LowPriorityThreads.unavailable()
                .ifPresent(why -> LOG.info(
                        "the search index's merges and builds run at the processing's CPU priority, not lower: {}",
                        why));
    }

    private static ThreadPoolExecutor idleEndingThread(ThreadFactory threads) {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Registers {@code build} for {@code partition} (on the stream thread), and keeps the indexing thread, started
     * here if it is not running, until no build is registered: a build thread hands papers over to it, and a thread
     * it made would run at its lower priority.
     */
    private void building(int partition, Build build) {
        builds.put(partition, build);
        indexer.allowCoreThreadTimeOut(false);
        indexer.prestartCoreThread();
    }

    /** Removes {@code build}; the indexing thread may end when idle once no build is registered. */
    private void built(int partition, Build build) {
        builds.remove(partition, build);
        if (builds.isEmpty()) {
            indexer.allowCoreThreadTimeOut(true);
        }
    }

    /**
     * Starts serving {@code index} for {@code partition} when its task starts (called on the stream thread, after any
     * restore and before the task processes a paper). An index kept from an earlier run is checked against {@code
     * store}, the partition's store, on the build thread while the task processes (at 12-35 µs a paper, measured, a
     * fraction of indexing the store), and served once it is known to hold exactly the store's papers; else the index
     * is {@link #build built} from the store. The papers the task stores meanwhile are handed to {@link #index} as
     * ever. A kept index found to differ is built again at the task's next {@link #resume}.
     */
    void start(int partition, PaperIndex index, Supplier<KeyValueIterator<String, ClassifiedPaper>> store) {
        index.notKept()
                .ifPresent(why ->
                        LOG.info("the paper index of partition {} found on disk is built again: {}", partition, why));
        Optional<IndexFingerprint> kept = index.kept();
        if (kept.isPresent()) {
            Build check = new Build(partition, index, store.get(), kept.get());
            building(partition, check);
            builder.execute(check::run);
            return;
        }
        starts.accept(Start.BUILT);
        build(partition, index, store.get());
    }

    /**
     * Builds {@code index} for {@code partition} from {@code store} as it is now when the check of the index kept from
     * the last run found that it differs from the store (called on the stream thread between papers, and while no
     * paper comes: cheap otherwise). Every paper stored so far has been handed to {@link #index} and is in the store,
     * which has no cache, so an iterator opened now reads exactly them: the kept index is cleared once they are
     * indexed, and the build and the papers stored from now on go to it as for any build.
     */
    void resume(int partition, PaperIndex index, Supplier<KeyValueIterator<String, ClassifiedPaper>> store) {
        Build check = builds.get(partition);
        if (check == null || check.index != index || !check.differs) {
            return;
        }
        starts.accept(Start.BUILT);
        Build build = new Build(partition, index, store.get(), null);
        building(partition, build);
        afterPending(index::clear).whenComplete((cleared, failure) -> {
            if (failure == null) {
                builder.execute(build::run);
            } else {
                build.failed(failure instanceof CompletionException ? failure.getCause() : failure);
                build.stop();
            }
        });
    }

    /**
     * Builds {@code index} for {@code partition} from {@code papers}, the partition's store read from where its task
     * starts (called on the stream thread, before the task processes a paper), and serves it once built. The build
     * takes {@code papers} over and closes it; the papers the task stores meanwhile are handed to {@link #index} as
     * ever.
     */
    void build(int partition, PaperIndex index, KeyValueIterator<String, ClassifiedPaper> papers) {
        Build build = new Build(partition, index, papers, null);
        building(partition, build);
        builder.execute(build::run);
    }

    /**
     * Hands {@code paper}, just stored, to the indexing thread for {@code index}, the index of {@code partition}
     * (called on a stream thread); {@code replaces} when the index holds an earlier version of it (a new paper is only
     * added, which is cheaper).
     */
    void index(int partition, PaperIndex index, ClassifiedPaper paper, boolean replaces) {
        IndexedPaper indexed = indexed(paper);
        pending.acquireUninterruptibly();
        indexer.execute(() -> {
            try {
                if (replaces) {
                    index.put(indexed);
                    Build build = builds.get(partition);
                    if (build != null && build.index == index && build.kept == null) {
                        build.storedAgain(indexed);
                    }
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
     * Stops serving {@code index} for {@code partition}, unless a newer one replaced it there, stops its build if it
     * is not done, and closes it once the papers handed over before are indexed (called on the stream thread).
     */
    void close(int partition, PaperIndex index) {
        Build build = builds.get(partition);
        if (build != null && build.index == index) {
            build.stop();
            built(partition, build);
        }
        partitions.remove(partition, index);
        afterPending(() -> {
                    // a build done just before it was stopped may have served the index since
                    partitions.remove(partition, index);
                    index.close();
                })
                .join();
    }

    /**
     * The index of a local partition, with the papers stored before this call indexed (unless that takes longer
     * than {@link #CATCH_UP_MS}); unavailable while it is being built, and after its build failed.
     */
    PaperIndex partition(int partition) {
        PaperIndex index = partitions.get(partition);
        if (index == null) {
            Build build = builds.get(partition);
            throw new StoreUnavailableException(
                    "the paper index of partition " + partition + (build == null ? " is being built" : build.state()),
                    build == null ? null : build.failure);
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

    /**
     * One partition's build, or the check of the index its last run kept against its store: waiting for its turn,
     * under way, stopped or done.
     */
    private final class Build {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int STOPPED = 2;

        final int partition;
        final PaperIndex index;
        /** The fingerprint of the index kept from the last run, which this checks, or null for a build. */
        final IndexFingerprint kept;

        private final KeyValueIterator<String, ClassifiedPaper> papers;
        private final AtomicInteger phase = new AtomicInteger(WAITING);
        private final AtomicLong added = new AtomicLong();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final long startedNanos = System.nanoTime();
        /** The latest version of every paper stored again since the task started; on the indexing thread only. */
        private final Map<String, IndexedPaper> storedAgain = new HashMap<>();

        private volatile boolean stopping;
        /** Set when the check found that the kept index differs from the store. */
        volatile boolean differs;

        volatile Throwable failure;

        Build(
                int partition,
                PaperIndex index,
                KeyValueIterator<String, ClassifiedPaper> papers,
                IndexFingerprint kept) {
            this.partition = partition;
            this.index = index;
            this.papers = papers;
            this.kept = kept;
        }

        void run() {
            if (!phase.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                boolean complete;
                try (papers) {
                    Iterator<IndexedPaper> read = new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return !stopping && papers.hasNext();
                        }

                        @Override
                        public IndexedPaper next() {
                            added.incrementAndGet();
                            return indexed(papers.next().value);
                        }
                    };
                    if (kept != null) {
                        complete = check(read);
                    } else {
                        index.addAll(read, buildThreads);
                        complete = !stopping;
                    }
                }
                // served once the store's papers are closed, so that a served index holds no store iterator open
                if (complete) {
                    afterPending(this::serve);
                }
            } catch (RuntimeException e) {
                if (kept != null) {
                    LOG.warn(
                            "the paper index of partition {} kept from the last run is built again: its store could"
                                    + " not be read to check it",
                            partition,
                            e);
                    differs = true;
                } else {
                    failed(e);
                }
            } finally {
                finished.countDown();
            }
        }

        /**
         * Whether the kept index holds exactly the papers of {@code read}, the store, so that it is served; else marks
         * it different.
         */
        private boolean check(Iterator<IndexedPaper> read) {
            IndexFingerprint stored = IndexFingerprint.of(
                    StreamSupport.stream(Spliterators.spliteratorUnknownSize(read, Spliterator.ORDERED), false));
            if (stopping) {
                return false;
            }
            long millis = (System.nanoTime() - startedNanos) / 1_000_000;
            if (stored.equals(kept)) {
                LOG.info(
                        "the paper index of partition {} is kept from the last run: it held the store's {} papers"
                                + " when its task started (checked in {} ms, beside the processing)",
                        partition,
                        stored.papers(),
                        millis);
                starts.accept(Start.KEPT);
                return true;
            }
            LOG.info(
                    "the paper index of partition {} kept from the last run is built again: it holds {} papers,"
                            + " the store {}, and they differ (checked in {} ms)",
                    partition,
                    kept.papers(),
                    stored.papers(),
                    millis);
            differs = true;
            return false;
        }

        void failed(Throwable e) {
            failure = e;
            LOG.error(
                    "the paper index of partition {} could not be built; its papers cannot be searched until its task"
                            + " starts again",
                    partition,
                    e);
        }

        /** On the indexing thread: a paper stored again, whose version from the store the build may add after it. */
        void storedAgain(IndexedPaper paper) {
            if (failure == null) {
                storedAgain.put(paper.id(), paper);
            }
        }

        /** On the indexing thread, after every paper handed over before the build or the check was done. */
        private void serve() {
            if (stopping) {
                return;
            }
            // the build may have added a paper's version from the store after the one stored since
            storedAgain.values().forEach(index::put);
            partitions.put(partition, index);
            built(partition, this);
            if (kept == null) {
                LOG.info(
                        "the paper index of partition {} is built: {} papers in {} s, {} stored again meanwhile",
                        partition,
                        added.get(),
                        (System.nanoTime() - startedNanos) / 1_000_000_000,
                        storedAgain.size());
            }
        }

        /** Stops the build: at once when it waits for its turn, else once its papers under way are indexed. */
        void stop() {
            stopping = true;
            if (phase.compareAndSet(WAITING, STOPPED)) {
                papers.close();
                return;
            }
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String state() {
            if (failure != null) {
                return " could not be built (" + failure
                        + "); its papers cannot be searched until its task starts again";
            }
            if (phase.get() == WAITING) {
                return " waits for the builds of other partitions";
            }
            if (kept != null) {
                return differs
                        ? " kept from the last run differs from its store and is about to be built again"
                        : String.format(
                                Locale.ROOT,
                                " kept from the last run is being checked against its store (%,d papers so far)",
                                added.get());
            }
            return String.format(Locale.ROOT, " is being built (%,d papers so far)", added.get());
        }
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
