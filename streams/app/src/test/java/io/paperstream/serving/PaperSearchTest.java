package io.paperstream.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.classify.ClassifiedPapers;
import io.paperstream.classify.PaperClassifier;
import io.paperstream.classify.ResearchTopic;
import io.paperstream.classify.Taxonomy;
import io.paperstream.classify.TrendingCorpus;
import io.paperstream.search.LowPriorityThreads;
import io.paperstream.search.PaperCursor;
import io.paperstream.search.PaperIndex;
import io.paperstream.search.PaperQuery;
import io.paperstream.search.ThreadNice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition's index built beside the papers its task stores meanwhile, from ten copies of the trending corpus: it is
 * served once built and then holds every paper once, in its latest version, as an index given the final papers one by
 * one does; a build is stopped with its task and a failed one names its cause.
 */
class PaperSearchTest {

    private static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
    private static final PaperClassifier CLASSIFIER = new PaperClassifier(TAXONOMY);
    private static final List<TrendingCorpus.Paper> CORPUS = TrendingCorpus.papers();
    private static final Instant FIRST_DAY = Instant.parse("2024-03-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    // told on the stream thread (builds) and on the build thread (checks)
    private final List<PaperSearch.Start> starts = new CopyOnWriteArrayList<>();
    private final PaperSearch search = new PaperSearch(3, starts::add);
    private final List<PaperIndex> opened = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        opened.forEach(PaperIndex::close);
    }

    @Test
    void papersStoredDuringTheBuildEndInTheIndexOnceInTheirLatestVersionAndTheIndexIsServedOnlyWhenBuilt() {
        List<ClassifiedPaper> store = copies(10, "s");
        PausingPapers papers = new PausingPapers(store, 600, null);
        PaperIndex index = open();
        search.build(0, index, papers);
        await(papers.paused);

        assertThatThrownBy(() -> search.partition(0))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("the paper index of partition 0 is being built (");
        // stored again: papers the build has read, and papers it reads after them, whose old version it adds then
        List<ClassifiedPaper> latest = new ArrayList<>(store);
        for (int i : List.of(3, 250, 599, 600, 601, 1100)) {
            ClassifiedPaper revised = paper(
                    store.get(i).getPaper().getPaper().getId(),
                    CORPUS.get((i + 7) % CORPUS.size()),
                    "revisedzq" + i,
                    i);
            latest.set(i, revised);
            search.index(0, index, revised, true);
        }
        List<ClassifiedPaper> fresh = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fresh.add(paper("n-" + i, CORPUS.get(i * 11), "freshzq" + i, 5_000 + i));
            search.index(0, index, fresh.get(i), false);
        }
        latest.addAll(fresh);
        // the papers stored meanwhile are indexed before the build goes on
        waitUntil(() -> index.search(query("revisedzq1100")).size() == 1
                && index.search(query("freshzq4")).size() == 1);
        papers.resume.countDown();

        waitUntil(() -> servedOrNull(0) != null);
        assertThat(search.partition(0)).isSameAs(index);
        // the build thread closes the papers as it leaves, which may be after the indexing thread served the index
        waitUntil(() -> papers.closed);
        assertThat(latest).hasSize(store.size() + fresh.size());
        assertSearchesFind(index, latest);
        assertThat(index.search(query("revisedzq600")))
                .extracting(PaperCursor::id)
                .containsExactly(store.get(600).getPaper().getPaper().getId());
    }

    @Test
    void anIndexKeptFromTheLastRunIsServedOnceCheckedWhenItHoldsTheStoresPapersAndBuiltAgainWhenNot(
            @TempDir Path directory) {
        List<ClassifiedPaper> store = copies(3, "k");
        AtomicInteger reads = new AtomicInteger();
        PaperIndex first = PaperIndex.onDisk(directory);
        search.start(0, first, () -> read(store, reads));
        waitUntil(() -> servedOrNull(0) == first);
        assertThat(reads).hasValue(1);
        search.close(0, first);

        // the same store: its papers are read once, to check them, and the index is served once checked
        PaperIndex again = PaperIndex.onDisk(directory);
        search.start(0, again, () -> read(store, reads));
        waitUntil(() -> servedOrNull(0) == again);
        assertThat(reads).hasValue(2);
        assertSearchesFind(again, store);
        search.close(0, again);

        // a paper revised while the task ran elsewhere: read once to check, once to build when the task resumes
        List<ClassifiedPaper> revised = new ArrayList<>(store);
        revised.set(7, paper(store.get(7).getPaper().getPaper().getId(), CORPUS.get(3), "revisedzq", 7));
        PaperIndex stale = PaperIndex.onDisk(directory);
        search.start(0, stale, () -> read(revised, reads));
        assertThat(servedOrNull(0)).isNull();
        resumeUntilServed(0, stale, () -> read(revised, reads));
        assertThat(reads).hasValue(4);
        assertSearchesFind(stale, revised);
        assertThat(stale.search(query("revisedzq")))
                .extracting(PaperCursor::id)
                .containsExactly(store.get(7).getPaper().getPaper().getId());
        search.close(0, stale);

        // a store that fails as it is read to check the index: the index is built again, from a second read
        PausingPapers failing = new PausingPapers(revised, 5, new IllegalStateException("a store read failed"));
        failing.resume.countDown();
        AtomicInteger storeReads = new AtomicInteger();
        PaperIndex unchecked = PaperIndex.onDisk(directory);
        Supplier<KeyValueIterator<String, ClassifiedPaper>> reading =
                () -> storeReads.incrementAndGet() == 1 ? failing : read(revised, reads);
        search.start(0, unchecked, reading);
        resumeUntilServed(0, unchecked, reading);
        assertThat(storeReads).hasValue(2);
        assertThat(failing.closed).isTrue();
        assertSearchesFind(unchecked, revised);
        assertThat(starts)
                .containsExactly(
                        PaperSearch.Start.BUILT,
                        PaperSearch.Start.KEPT,
                        PaperSearch.Start.BUILT,
                        PaperSearch.Start.BUILT);
        search.close(0, unchecked);
    }

    @Test
    void papersStoredWhileAKeptIndexIsCheckedEndInItOnceInTheirLatestVersionWhetherItIsKeptOrBuiltAgain(
            @TempDir Path directory) {
        for (boolean differs : List.of(false, true)) {
            Path indexDirectory = directory.resolve(differs ? "differs" : "matches");
            List<ClassifiedPaper> store = copies(3, "c");
            PaperIndex first = PaperIndex.onDisk(indexDirectory);
            search.start(0, first, () -> read(store, new AtomicInteger()));
            waitUntil(() -> servedOrNull(0) == first);
            search.close(0, first);

            // the store when the task starts again: what the index holds, or with a paper revised elsewhere meanwhile
            List<ClassifiedPaper> atStart = new ArrayList<>(store);
            if (differs) {
                atStart.set(5, paper(store.get(5).getPaper().getPaper().getId(), CORPUS.get(9), "elsewherezq", 5));
            }
            PausingPapers checked = new PausingPapers(atStart, 200, null);
            PaperIndex kept = PaperIndex.onDisk(indexDirectory);
            search.start(0, kept, () -> checked);
            await(checked.paused);
            assertThatThrownBy(() -> search.partition(0))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("the paper index of partition 0 kept from the last run is being checked against its"
                            + " store (200 papers so far)");

            // stored while the check reads: papers it has read, papers it reads after, and new ones
            List<ClassifiedPaper> latest = new ArrayList<>(atStart);
            for (int i : List.of(3, 199, 200, 301)) {
                ClassifiedPaper revision = paper(
                        atStart.get(i).getPaper().getPaper().getId(),
                        CORPUS.get((i + 5) % CORPUS.size()),
                        "againzq",
                        i);
                latest.set(i, revision);
                search.index(0, kept, revision, true);
            }
            for (int i = 0; i < 3; i++) {
                ClassifiedPaper fresh = paper("m-" + i, CORPUS.get(i * 13), "newzq" + i, 6_000 + i);
                latest.add(fresh);
                search.index(0, kept, fresh, false);
            }
            checked.resume.countDown();
            if (differs) {
                resumeUntilServed(0, kept, () -> read(latest, new AtomicInteger()));
            } else {
                waitUntil(() -> servedOrNull(0) == kept);
            }
            assertThat(checked.closed).isTrue();
            assertSearchesFind(kept, latest);
            assertThat(kept.search(query("againzq"))).hasSize(4);
            assertThat(kept.search(query("elsewherezq"))).hasSize(differs ? 1 : 0);
            search.close(0, kept);
        }
        assertThat(starts)
                .containsExactly(
                        PaperSearch.Start.BUILT,
                        PaperSearch.Start.KEPT,
                        PaperSearch.Start.BUILT,
                        PaperSearch.Start.BUILT);
    }

    @Test
    void aBuildWaitingForItsTurnStopsAtOnceWithItsTaskAndOneUnderWayOnceItsPapersInHandAreIndexed() {
        PausingPapers first = new PausingPapers(copies(2, "a"), 100, null);
        PaperIndex firstIndex = open();
        search.build(0, firstIndex, first);
        await(first.paused);
        PausingPapers second = new PausingPapers(copies(2, "b"), 100, null);
        search.build(1, open(), second);
        assertThatThrownBy(() -> search.partition(1))
                .hasMessage("the paper index of partition 1 waits for the builds of other partitions");

        assertTimeoutPreemptively(TIMEOUT, () -> search.close(1, opened.get(1)));
        assertThat(second.closed)
                .as("the waiting build's papers, closed by the stream thread")
                .isTrue();
        assertThat(second.read).isZero();

        Thread closing = new Thread(() -> search.close(0, firstIndex), "closing-task");
        closing.start();
        // the stream thread closing the task waits for the build under way, which holds a chunk of papers
        waitUntil(() -> closing.getState() == Thread.State.WAITING);
        first.resume.countDown();
        assertTimeoutPreemptively(TIMEOUT, () -> closing.join());
        assertThat(first.closed).isTrue();
        assertThat(first.read).as("not read on after the stop").isEqualTo(100);
        assertThatThrownBy(() -> search.partition(0)).hasMessage("the paper index of partition 0 is being built");
        opened.removeAll(List.of(firstIndex, opened.get(1)));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theBuildThreadsRunAtALowerPriorityThanTheStreamThreadAndTheIndexingThreadItWaitsForDoesNot() {
        int streamThread = ThreadNice.ofCurrentThread();
        PausingPapers papers = new PausingPapers(copies(10, "l"), 600, null);
        PaperIndex index = open();
        search.build(0, index, papers);
        await(papers.paused);
        search.index(0, index, paper("n-0", CORPUS.get(0), "", 0), false);

        // "paper-index-build" and "paper-index-builder-N" alike, as Linux keeps their names; each lowers itself once
        // started, beside the indexing threads of other tests' searches, idle
        waitUntil(() -> allAt("paper-index-bui", LowPriorityThreads.NICE));
        waitUntil(() -> allAt("paper-indexer", streamThread));
        assertThat(streamThread).isLessThan(LowPriorityThreads.NICE);
        assertThat(ThreadNice.ofCurrentThread()).isEqualTo(streamThread);
        papers.resume.countDown();
        waitUntil(() -> servedOrNull(0) == index);
        assertThat(ThreadNice.ofThreadsNamed("paper-indexer")).containsOnly(streamThread);
    }

    @Test
    void aFailedBuildLeavesItsPartitionUnavailableWithTheCauseAndClosesItsPapers() {
        PausingPapers papers = new PausingPapers(copies(3, "f"), 300, new IllegalStateException("the disk went away"));
        search.build(2, open(), papers);
        papers.resume.countDown();

        waitUntil(() -> papers.closed);
        waitUntil(() -> {
            try {
                search.partition(2);
                return false;
            } catch (StoreUnavailableException e) {
                return e.getMessage().contains("could not be built");
            }
        });
        assertThatThrownBy(() -> search.partition(2))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the paper index of partition 2 could not be built (java.lang.IllegalStateException: the"
                        + " disk went away); its papers cannot be searched until its task starts again")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    /** {@code index} answers every query as an index given {@code papers} one by one does. */
    private void assertSearchesFind(PaperIndex index, List<ClassifiedPaper> papers) {
        PaperIndex oneByOne = open();
        papers.forEach(paper -> oneByOne.add(PaperSearch.indexed(paper)));
        assertThat(index.size()).isEqualTo(papers.size());
        for (PaperQuery query : queries()) {
            assertThat(index.search(query)).as("%s", query).isEqualTo(oneByOne.search(query));
        }
    }

    /** Resumes {@code partition}'s task, as its stream thread does between papers, until its index is served. */
    private void resumeUntilServed(
            int partition, PaperIndex index, Supplier<KeyValueIterator<String, ClassifiedPaper>> store) {
        waitUntil(() -> {
            search.resume(partition, index, store);
            return servedOrNull(partition) == index;
        });
    }

    private static KeyValueIterator<String, ClassifiedPaper> read(List<ClassifiedPaper> papers, AtomicInteger reads) {
        reads.incrementAndGet();
        return new PausingPapers(papers, -1, null);
    }

    private static boolean allAt(String threadName, int nice) {
        List<Integer> nices = ThreadNice.ofThreadsNamed(threadName);
        return !nices.isEmpty() && nices.stream().allMatch(each -> each == nice);
    }

    private PaperIndex open() {
        PaperIndex index = PaperIndex.inMemory();
        opened.add(index);
        return index;
    }

    private PaperIndex servedOrNull(int partition) {
        try {
            return search.partition(partition);
        } catch (StoreUnavailableException e) {
            return null;
        }
    }

    /** {@code times} copies of the corpus, classified, under ids of their own, published a few a day. */
    private static List<ClassifiedPaper> copies(int times, String prefix) {
        List<ClassifiedPaper> papers = new ArrayList<>();
        for (int copy = 0; copy < times; copy++) {
            for (int i = 0; i < CORPUS.size(); i++) {
                int n = copy * CORPUS.size() + i;
                papers.add(paper(String.format(Locale.ROOT, "%s-%05d", prefix, n), CORPUS.get(i), "", n));
            }
        }
        return papers;
    }

    private static ClassifiedPaper paper(String id, TrendingCorpus.Paper source, String marker, int n) {
        String title = marker.isEmpty() ? source.title() : source.title() + " " + marker;
        Instant published = FIRST_DAY.plus(Duration.ofHours(5L * n));
        EnrichedPaper enriched = EnrichedPaper.newBuilder()
                .setPaper(PaperAbstract.newBuilder()
                        .setId(id)
                        .setTitle(title)
                        .setAbstract$(source.abstractText())
                        .setSource("trending-page")
                        .setPublishedAt(published)
                        .setIngestedAt(published)
                        .build())
                .setKeyphrases(List.of())
                .setContentHash(Integer.toHexString((title + "\n" + source.abstractText()).hashCode()))
                .build();
        return ClassifiedPapers.of(enriched, CLASSIFIER.classify(title, source.abstractText()));
    }

    /** Every topic, two words of the corpus's text, a time range and all papers: each a full listing. */
    private static List<PaperQuery> queries() {
        List<PaperQuery> queries = new ArrayList<>();
        for (ResearchTopic topic : TAXONOMY.topics()) {
            queries.add(new PaperQuery(topic.id(), null, null, null, null, null, 10_000));
        }
        queries.add(new PaperQuery(null, null, "language model", null, null, null, 10_000));
        queries.add(new PaperQuery(null, null, "diffusion", null, null, null, 10_000));
        long from = FIRST_DAY.plus(Duration.ofDays(30)).toEpochMilli();
        queries.add(new PaperQuery(
                null, null, null, from, from + Duration.ofDays(60).toMillis(), null, 10_000));
        queries.add(new PaperQuery(null, null, null, null, null, null, 10_000));
        return queries;
    }

    private static PaperQuery query(String text) {
        return new PaperQuery(null, null, text, null, null, null, 10);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", TIMEOUT).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A store's papers as its iterator gives them, pausing before the paper at {@code pauseAt} until resumed, and
     * failing there with {@code failure} when given one.
     */
    private static final class PausingPapers implements KeyValueIterator<String, ClassifiedPaper> {
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch resume = new CountDownLatch(1);
        private final List<ClassifiedPaper> papers;
        private final int pauseAt;
        private final RuntimeException failure;
        volatile int read;
        volatile boolean closed;

        PausingPapers(List<ClassifiedPaper> papers, int pauseAt, RuntimeException failure) {
            this.papers = papers;
            this.pauseAt = pauseAt;
            this.failure = failure;
        }

        @Override
        public boolean hasNext() {
            if (read == pauseAt) {
                paused.countDown();
                PaperSearchTest.await(resume);
                if (failure != null) {
                    throw failure;
                }
            }
            return read < papers.size();
        }

        @Override
        public KeyValue<String, ClassifiedPaper> next() {
            ClassifiedPaper paper = papers.get(read++);
            return KeyValue.pair(paper.getPaper().getPaper().getId(), paper);
        }

        @Override
        public String peekNextKey() {
            return papers.get(read).getPaper().getPaper().getId();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
