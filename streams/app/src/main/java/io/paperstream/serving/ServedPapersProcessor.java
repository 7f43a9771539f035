package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
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
 * Keeps the current version of every classified paper queryable by id, and an index of the most
 * recently published ones per partition; announces each new or revised paper on the live stream.
 */
final class ServedPapersProcessor implements Processor<String, PaperRevision<ClassifiedPaper>, Void, Void> {

    /** Recent papers kept per partition: more than any page asks for. */
    static final int RECENT_KEPT = 200;

    private static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    private final Views views;
    private final Consumer<LiveEvent> events;
    private KeyValueStore<String, ClassifiedPaper> papers;
    private KeyValueStore<String, String> recent;

    ServedPapersProcessor(Views views, Consumer<LiveEvent> events) {
        this.views = views;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        papers = context.getStateStore(StoreNames.SERVED_PAPERS);
        recent = context.getStateStore(StoreNames.RECENT_PAPERS);
        // pruning on a timer, not per record, keeps the hot path to two puts
        context.schedule(PRUNE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> pruneRecent());
    }

    @Override
    public void process(Record<String, PaperRevision<ClassifiedPaper>> record) {
        ClassifiedPaper paper = record.value().current();
        papers.put(record.key(), paper);
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
