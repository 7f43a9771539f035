package io.paperstream.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * A Lucene index of papers for search: text of title and abstract, topics, keyphrases and publication time;
 * answers are newest first (ties by id) and paged by {@link PaperCursor}. Nothing is stored but the fields to
 * sort by: the caller keeps the papers and looks up the ids it gets. Safe for one writer thread and any number
 * of searching threads (a build with {@link #addAll} writes on several at once); a write is visible to the next
 * search.
 */
public final class PaperIndex implements Closeable {

    static final String ID = "id";
    static final String PUBLISHED = "published";
    static final String TOPIC = "topic";
    static final String KEYPHRASE = "keyphrase";
    /** Title and abstract: one field of two values, which is cheaper to index than a field each. */
    static final String TEXT = "text";
    /** Each paper's {@link IndexFingerprint#hash}, read only when an index kept from an earlier run is opened. */
    static final String HASH = "hash";

    /**
     * The format of what {@link #document} writes, in the user data of every commit. An index of another format is not
     * kept: change it whenever a change to the fields, to their analysis or to {@link IndexedPaper} changes what an
     * index holds for a paper.
     */
    static final String FORMAT = "paperstream-papers-1";

    /** Where each commit names its {@link #FORMAT}. */
    static final String FORMAT_KEY = "paperstream.format";

    /** Positions between the title and the abstract, so that no phrase spans from one into the other. */
    private static final int TEXT_VALUE_GAP = 100;

    /**
     * Analyzed text without norms: answers are ordered by publication time, never scored by length, so a norm per
     * document and field would be written and never read.
     */
    private static final FieldType TEXT_TYPE = textType();

    /** Papers a thread of {@link #addAll} indexes at a time. */
    private static final int BUILD_CHUNK = 256;

    private static final AtomicInteger BUILDERS = new AtomicInteger();

    private static final Sort NEWEST_FIRST =
            new Sort(new SortField(PUBLISHED, SortField.Type.LONG, true), new SortField(ID, SortField.Type.STRING));

    private final Directory directory;
    private final Analyzer analyzer = new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        private final Analyzer standard = new StandardAnalyzer();

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return standard;
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return TEXT_VALUE_GAP;
        }
    };
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Kept kept;

    private PaperIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.kept = keptContents(directory);
        if (kept.whyNot() != null) {
            // a writer would read the index it replaces, and one that cannot be read would fail it
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
        }
        this.writer = new IndexWriter(
                directory,
                new IndexWriterConfig(analyzer)
                        .setOpenMode(
                                kept.fingerprint() != null
                                        ? IndexWriterConfig.OpenMode.APPEND
                                        : IndexWriterConfig.OpenMode.CREATE)
                        .setMergeScheduler(new LowPriorityMerges()));
        writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * What the latest commit of {@code directory} holds when it is an index of this {@link #FORMAT}; else why it is
     * not kept. An index that cannot be read is not kept either: it is a cache of the store, made anew.
     */
    private static Kept keptContents(Directory directory) {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return Kept.NOTHING;
            }
            String format =
                    SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY);
            if (!FORMAT.equals(format)) {
                return new Kept(null, "its format is " + format + ", not " + FORMAT);
            }
            long papers = 0;
            long hashSum = 0;
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                for (LeafReaderContext leaf : reader.leaves()) {
                    NumericDocValues hashes = DocValues.getNumeric(leaf.reader(), HASH);
                    Bits live = leaf.reader().getLiveDocs();
                    for (int doc = hashes.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = hashes.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            papers++;
                            hashSum += hashes.longValue();
                        }
                    }
                }
                if (papers != reader.numDocs()) {
                    return new Kept(null, (reader.numDocs() - papers) + " of its papers have no hash");
                }
            }
            return new Kept(new IndexFingerprint(papers, hashSum), null);
        } catch (IOException | RuntimeException e) {
            return new Kept(null, "it cannot be read: " + e);
        }
    }

    /** The fingerprint of an index kept from an earlier run, or why there is none ({@code null} when nothing was there). */
    private record Kept(IndexFingerprint fingerprint, String whyNot) {
        static final Kept NOTHING = new Kept(null, null);
    }

    /** Lucene's merges, each on a thread of its own as ever, at the priority of {@link LowPriorityThreads}. */
    static class LowPriorityMerges extends ConcurrentMergeScheduler {
        @Override
        protected void doMerge(MergeSource mergeSource, MergePolicy.OneMerge merge) throws IOException {
            LowPriorityThreads.lowerCurrentThread();
            super.doMerge(mergeSource, merge);
        }
    }

    /**
     * The index in {@code directory}: the one an earlier run kept there, when it has this {@link #FORMAT} and can be
     * read (see {@link #kept}), else an empty one (what was there is replaced; see {@link #notKept}). {@link #close}
     * commits the index, and so keeps it for the next run.
     */
    public static PaperIndex onDisk(Path directory) {
        try {
            return new PaperIndex(mergesReadWithoutMapping(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a paper index in " + directory, e);
        }
    }

    /**
     * Segment files as searches read them, mapped into memory, except what a merge reads: that is read through a
     * file channel. A merge reads each file once from end to end; mapped, every page it touched counted in the
     * process's resident set (up to 408 MB of a 2.9M-paper run's peak), although the kernel may drop them. Read, the
     * same pages are in the page cache, outside the resident set.
     */
    private static Directory mergesReadWithoutMapping(Path path) throws IOException {
        Directory read = new NIOFSDirectory(path);
        return new FilterDirectory(FSDirectory.open(path)) {
            @Override
            public IndexInput openInput(String name, IOContext context) throws IOException {
                return context.context == IOContext.Context.MERGE
                        ? read.openInput(name, context)
                        : super.openInput(name, context);
            }

            @Override
            public void close() throws IOException {
                IOUtils.close(read, in);
            }
        };
    }

    /** An empty index in memory. */
    public static PaperIndex inMemory() {
        try {
            return new PaperIndex(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a paper index in memory", e);
        }
    }

    /**
     * The fingerprint of the papers this index held when it was opened, when it was kept from an earlier run; nothing
     * when it was made empty.
     */
    public Optional<IndexFingerprint> kept() {
        return Optional.ofNullable(kept.fingerprint());
    }

    /** Why an index found in the directory was not kept (its format, or a read failure); nothing when none was there. */
    public Optional<String> notKept() {
        return Optional.ofNullable(kept.whyNot());
    }

    /** Removes every paper. */
    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the paper index", e);
        }
    }

    /** Adds the paper, or replaces the paper of its id. */
    public void put(IndexedPaper paper) {
        try {
            writer.updateDocument(new Term(ID, paper.id()), document(paper));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index paper " + paper.id(), e);
        }
    }

    /**
     * Adds a paper the index does not hold yet (a new paper, or any paper while the index is built): cheaper than
     * {@link #put}, which must find and delete the paper's earlier version; a second add of an id would keep both.
     */
    public void add(IndexedPaper paper) {
        try {
            writer.addDocument(document(paper));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index paper " + paper.id(), e);
        }
    }

    /**
     * Adds every paper of {@code papers}, none of which the index holds yet, on {@code threads} threads at once
     * (Lucene's writer takes documents from several): the calling thread reads the papers and hands them on in
     * chunks, and indexes a chunk itself whenever the other threads are all busy, so that at most {@code threads}
     * chunks are held at a time. Other papers may be added or put meanwhile. Returns once every paper is indexed;
     * a paper that cannot be indexed stops the build, and its failure is thrown once the chunks under way are done.
     */
    public void addAll(Iterator<IndexedPaper> papers, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a build needs at least one thread, not " + threads);
        }
        int helpers = threads - 1;
        Semaphore idleHelpers = new Semaphore(helpers);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, helpers),
                task -> LowPriorityThreads.daemon("paper-index-builder-" + BUILDERS.incrementAndGet(), task));
        try {
            List<IndexedPaper> chunk = new ArrayList<>(BUILD_CHUNK);
            while (papers.hasNext() && failure.get() == null) {
                chunk.add(papers.next());
                if (chunk.size() == BUILD_CHUNK || !papers.hasNext()) {
                    List<IndexedPaper> full = chunk;
                    if (idleHelpers.tryAcquire()) {
                        pool.execute(() -> {
                            try {
                                addChunk(full, failure);
                            } finally {
                                idleHelpers.release();
                            }
                        });
                    } else {
                        addChunk(full, failure);
                    }
                    chunk = new ArrayList<>(BUILD_CHUNK);
                }
            }
        } finally {
            // no helper writes after the build returns, nor after reading the papers failed
            idleHelpers.acquireUninterruptibly(helpers);
            pool.shutdown();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void addChunk(List<IndexedPaper> chunk, AtomicReference<RuntimeException> failure) {
        try {
            chunk.forEach(this::add);
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static Document document(IndexedPaper paper) {
        Document document = new Document();
        document.add(new StringField(ID, paper.id(), Field.Store.NO));
        document.add(new SortedDocValuesField(ID, new BytesRef(paper.id())));
        document.add(new LongPoint(PUBLISHED, paper.publishedAt()));
        document.add(new NumericDocValuesField(PUBLISHED, paper.publishedAt()));
        document.add(new NumericDocValuesField(HASH, IndexFingerprint.hash(paper)));
        paper.topics().forEach(topic -> document.add(new StringField(TOPIC, topic, Field.Store.NO)));
        paper.keyphrases().forEach(keyphrase -> document.add(new StringField(KEYPHRASE, keyphrase, Field.Store.NO)));
        document.add(new Field(TEXT, paper.title(), TEXT_TYPE));
        document.add(new Field(TEXT, paper.abstractText(), TEXT_TYPE));
        return document;
    }

    private static FieldType textType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    /** The ids and publication times of the papers that match {@code query}, newest first, at most its limit. */
    public List<PaperCursor> search(PaperQuery query) {
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                if (searcher.getIndexReader().maxDoc() == 0) {
                    return List.of();
                }
                TopFieldDocs top = query.after() == null
                        ? searcher.search(query(query), query.limit(), NEWEST_FIRST, false)
                        : searcher.searchAfter(
                                after(query.after(), searcher), query(query), query.limit(), NEWEST_FIRST, false);
                List<PaperCursor> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc hit : top.scoreDocs) {
                    Object[] sortValues = ((FieldDoc) hit).fields;
                    hits.add(new PaperCursor((Long) sortValues[0], ((BytesRef) sortValues[1]).utf8ToString()));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the paper index", e);
        }
    }

    /** Papers in the index, as the next search sees it. */
    public int size() {
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the paper index", e);
        }
    }

    private Query query(PaperQuery query) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        if (query.topic() != null) {
            all.add(new TermQuery(new Term(TOPIC, query.topic())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.keyphrase() != null) {
            all.add(new TermQuery(new Term(KEYPHRASE, query.keyphrase())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from();
            long to = query.to() == null ? Long.MAX_VALUE : query.to();
            all.add(LongPoint.newRangeQuery(PUBLISHED, from, to), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.text() != null) {
            all.add(text(query.text()), BooleanClause.Occur.FILTER);
            any = true;
        }
        return any ? all.build() : new MatchAllDocsQuery();
    }

    /**
     * Where the page after the cursor starts: Lucene continues after these sort values, so the sort by publication
     * time still skips what cannot compete. Ids are unique, so only the cursor's own paper has equal values; the
     * last document number of the reader puts that paper before the page.
     */
    private static FieldDoc after(PaperCursor cursor, IndexSearcher searcher) {
        return new FieldDoc(searcher.getIndexReader().maxDoc() - 1, Float.NaN, new Object[] {
            cursor.publishedAt(), new BytesRef(cursor.id())
        });
    }

    private Query text(String text) {
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, TEXT);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query parsed = parser.parse(text);
        // text without a single word (punctuation only) matches nothing rather than everything
        return parsed == null ? new MatchNoDocsQuery() : parsed;
    }

    @Override
    public void close() {
        try (directory;
                writer;
                searchers) {
            // closed in reverse order: searchers, writer, directory
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the paper index", e);
        }
    }
}
