package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Records the classified new version of a paper as the current one, then passes the revision on. */
final class ReviseProcessor
        implements FixedKeyProcessor<String, PaperRevision<ClassifiedPaper>, PaperRevision<ClassifiedPaper>> {

    private FixedKeyProcessorContext<String, PaperRevision<ClassifiedPaper>> context;
    private KeyValueStore<String, ClassifiedPaper> papers;

    @Override
    public void init(FixedKeyProcessorContext<String, PaperRevision<ClassifiedPaper>> context) {
        this.context = context;
        this.papers = context.getStateStore(StoreNames.SERVED_PAPERS);
    }

    @Override
    public void process(FixedKeyRecord<String, PaperRevision<ClassifiedPaper>> record) {
        papers.put(record.key(), record.value().current());
        context.forward(record);
    }
}
