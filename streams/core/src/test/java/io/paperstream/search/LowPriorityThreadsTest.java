package io.paperstream.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.classify.TrendingCorpus;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** On Linux, the search index's threads and Lucene's merges run at nice 10, and the threads that start them do not. */
@EnabledOnOs(OS.LINUX)
class LowPriorityThreadsTest {

    @BeforeEach
    void available() {
        assertThat(LowPriorityThreads.unavailable()).isEmpty();
    }

    @Test
    void aDaemonThreadRunsItsTaskAtNiceTenAndLeavesTheThreadThatStartedItAlone() throws InterruptedException {
        int callerBefore = ThreadNice.ofCurrentThread();
        AtomicInteger seen = new AtomicInteger(Integer.MIN_VALUE);
        Thread thread = LowPriorityThreads.daemon("low-priority-test", () -> seen.set(ThreadNice.ofCurrentThread()));
        thread.start();
        thread.join();

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("low-priority-test");
        assertThat(seen.get()).isEqualTo(LowPriorityThreads.NICE);
        assertThat(ThreadNice.ofCurrentThread()).isEqualTo(callerBefore).isLessThan(LowPriorityThreads.NICE);
    }

    @Test
    void everyMergeOfTheCorpusIndexRunsOnAMergeThreadAtNiceTen() throws IOException {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Integer> nices = new CopyOnWriteArrayList<>();
        PaperIndex.LowPriorityMerges merges = new PaperIndex.LowPriorityMerges() {
            @Override
            protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
                super.doMerge(mergeSource, merge);
                threads.add(Thread.currentThread().getName());
                nices.add(ThreadNice.ofCurrentThread());
            }
        };
        LogDocMergePolicy everyTwoSegments = new LogDocMergePolicy();
        everyTwoSegments.setMergeFactor(2);
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(
                        directory,
                        new IndexWriterConfig(new StandardAnalyzer())
                                .setMaxBufferedDocs(10)
                                .setMergePolicy(everyTwoSegments)
                                .setMergeScheduler(merges))) {
            for (TrendingCorpus.Paper paper : TrendingCorpus.papers()) {
                Document document = new Document();
                document.add(new TextField("text", paper.title() + "\n" + paper.abstractText(), Field.Store.NO));
                writer.addDocument(document);
            }
            writer.forceMerge(1);
        }
        // the corpus flushed in segments of 10 papers, merged two by two down to one
        assertThat(nices).hasSizeGreaterThanOrEqualTo(TrendingCorpus.papers().size() / 10 - 1);
        assertThat(nices).containsOnly(LowPriorityThreads.NICE);
        assertThat(threads).allMatch(name -> name.startsWith("Lucene Merge Thread"));
        assertThat(ThreadNice.ofCurrentThread()).isLessThan(LowPriorityThreads.NICE);
    }
}
