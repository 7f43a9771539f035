package io.paperstream.serving;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.search.PaperIndex;
import io.paperstream.streams.PaperRevision;
import io.paperstream.streams.StoreNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every classified paper of the partition's store ({@value StoreNames#SERVED_PAPERS}, written by the classify
 * stage) in the partition's search index ({@link PaperSearch}), which also answers for the most recently published
 * papers; announces each new or revised paper on the live stream. An instance without the HTTP API has no search: it
 * keeps no index, and deletes one an earlier run kept.
 */
final class ServedPapersProcessor implements Processor<String, PaperRevision<ClassifiedPaper>, Void, Void> {

    /** The paper index's directory in the task's state directory. */
    private static final String INDEX_DIRECTORY = "paper-index";

    /** How often the task looks whether its kept index must be built again while no paper comes. */
    private static final Duration RESUME_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ServedPapersProcessor.class);

    private final Views views;
    private final Consumer<LiveEvent> events;
    private final Optional<PaperSearch> search;
    private int partition;
    private PaperIndex index;
    private KeyValueStore<String, ClassifiedPaper> papers;

    ServedPapersProcessor(Views views, Consumer<LiveEvent> events, Optional<PaperSearch> search) {
        this.views = views;
        this.events = events;
        this.search = search;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        papers = context.getStateStore(StoreNames.SERVED_PAPERS);
        // Kafka Streams initializes a task's processors once its stores are restored: the store is whole here. The
        // index the last run kept is checked against the store beside the processing and served when it holds
        // exactly the store's papers; else it is built from the store (an iterator reads the store as it was when
        // opened), beside the task's processing too, which hands the index every paper stored from now on
        partition = context.taskId().partition();
        Path directory = context.stateDir().toPath().resolve(INDEX_DIRECTORY);
        if (search.isEmpty()) {
            deleteKeptIndex(directory);
            return;
        }
        index = PaperIndex.onDisk(directory);
        search.get().start(partition, index, papers::all);
        // a kept index found to differ from the store is built again from the stream thread, which alone may open
        // the store's iterator: at the next paper, or within a second when none comes
        context.schedule(RESUME_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> resume());
    }

    /** Deletes the index an earlier run with search kept: without search it would only take disk and go stale. */
    private void deleteKeptIndex(Path directory) {
        if (Files.exists(directory)) {
            try {
                Utils.delete(directory.toFile());
                LOG.info(
                        "deleted the search index of partition {} that an earlier run kept: no search without the "
                                + "HTTP API",
                        partition);
            } catch (IOException e) {
                LOG.warn(
                        "could not delete the search index of partition {} that an earlier run kept ({}): {}",
                        partition,
                        directory,
                        e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (index != null) {
            search.get().close(partition, index);
        }
    }

    @Override
    public void process(Record<String, PaperRevision<ClassifiedPaper>> record) {
        ClassifiedPaper paper = record.value().current();
        if (index != null) {
            search.get().index(partition, index, paper, !record.value().firstSighting());
        }
        events.accept(new LiveEvent(LiveEvent.PAPER, views.summary(paper)));
        // after the paper is handed over: a build starting now reads it from the store, and the index is cleared
        // after it is indexed
        resume();
    }

    private void resume() {
        if (index != null) {
            search.get().resume(partition, index, papers::all);
        }
    }
}
