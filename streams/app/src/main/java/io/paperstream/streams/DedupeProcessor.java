package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.EnrichedPaper;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops a paper re-ingested unchanged (same id, same content hash as the version on record) and
 * passes on a new or revised one together with the version it replaces. It only reads the
 * papers' store; {@link ReviseProcessor} records the new version once it is classified, so a
 * paper that fails classification is not remembered and is tried again when re-ingested.
 */
final class DedupeProcessor implements FixedKeyProcessor<String, EnrichedPaper, PaperRevision<EnrichedPaper>> {

    private FixedKeyProcessorContext<String, PaperRevision<EnrichedPaper>> context;
    private KeyValueStore<String, ClassifiedPaper> papers;

    @Override
    public void init(FixedKeyProcessorContext<String, PaperRevision<EnrichedPaper>> context) {
        this.context = context;
        this.papers = context.getStateStore(StoreNames.SERVED_PAPERS);
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedPaper> record) {
        ClassifiedPaper stored = papers.get(record.key());
        if (stored != null
                && stored.getPaper().getContentHash().equals(record.value().getContentHash())) {
            return;
        }
        PaperVersion previous = stored == null ? null : PaperVersion.of(stored);
        context.forward(record.withValue(new PaperRevision<>(previous, record.value())));
    }
}
