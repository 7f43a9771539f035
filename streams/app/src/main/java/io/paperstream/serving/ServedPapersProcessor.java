package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.search.PaperIndex;
import io.paperstream.streams.PaperRevision;
import io.paperstream.streams.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the current version of every classified paper queryable by id, an index of the most
 * recently published ones per partition and the partition's search index ({@link PaperSearch});
 * announces each new or revised paper on the live stream.
 */
final class ServedPapersProcessor implements Processor<String, PaperRevision<ClassifiedPaper>, Void, Void> {

    /** Recent papers kept per partition: more than any page asks for. */
    static final int RECENT_KEPT = 200;

    private static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    /** The paper index's directory in the task's state directory. */
    private static final String INDEX_DIRECTORY = "paper-index";

    private final Views views;
    private final Consumer<LiveEvent> events;
    private final PaperSearch search;
    private KeyValueStore<String, ClassifiedPaper> papers;
    private KeyValueStore<String, String> recent;
    private int partition;
    private PaperIndex index;

    ServedPapersProcessor(Views views, Consumer<LiveEvent> events, PaperSearch search) {
        this.views = views;
        this.events = events;
        this.search = search;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        papers = context.getStateStore(StoreNames.SERVED_PAPERS);
        recent = context.getStateStore(StoreNames.RECENT_PAPERS);
        // pruning on a timer, not per record, keeps the hot path to two puts
        context.schedule(PRUNE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> pruneRecent());
        // Kafka Streams initializes a task's processors once its stores are restored: the store is whole here
        partition = context.taskId().partition();
        index = PaperIndex.onDisk(context.stateDir().toPath().resolve(INDEX_DIRECTORY));
        try (KeyValueIterator<String, ClassifiedPaper> all = papers.all()) {
            all.forEachRemaining(kv -> index.put(PaperSearch.indexed(kv.value)));
        }
        search.open(partition, index);
    }

    @Override
    public void close() {
        if (index != null) {
            search.close(partition, index);
        }
    }

    @Override
    public void process(Record<String, PaperRevision<ClassifiedPaper>> record) {
        ClassifiedPaper paper = record.value().current();
        papers.put(record.key(), paper);
        search.index(index, paper);
        if (!record.value().firstSighting() && record.value().previous().eventTime() != record.timestamp()) {
            recent.delete(StoreKeys.recentPaper(record.value().previous().eventTime(), record.key()));
        }
        recent.put(StoreKeys.recentPaper(record.timestamp(), record.key()), record.key());
        events.accept(new LiveEvent(LiveEvent.PAPER, views.summary(paper)));
    }

    private void pruneRecent() {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> newestFirst = recent.reverseAll()) {
            for (int kept = 0; newestFirst.hasNext(); kept++) {
                String key = newestFirst.next().key;
                if (kept >= RECENT_KEPT) {
                    old.add(key);
                }
            }
        }
        old.forEach(recent::delete);
    }
}
