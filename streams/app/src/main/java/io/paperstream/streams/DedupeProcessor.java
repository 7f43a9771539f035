package io.paperstream.streams;

import io.paperstream.avro.EnrichedPaper;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Drops a paper re-ingested unchanged (same id, same content hash as the version on record) and
 * passes on a new or revised one together with the version it replaces. It only reads the
 * versions store; {@link ReviseProcessor} records the new version once it is classified, so a
 * paper that fails classification is not remembered and is tried again when re-ingested.
 */
final class DedupeProcessor implements FixedKeyProcessor<String, EnrichedPaper, PaperRevision<EnrichedPaper>> {

    private FixedKeyProcessorContext<String, PaperRevision<EnrichedPaper>> context;
    private KeyValueStore<String, PaperVersion> versions;

    @Override
    public void init(FixedKeyProcessorContext<String, PaperRevision<EnrichedPaper>> context) {
        this.context = context;
        this.versions = context.getStateStore(StoreNames.PAPER_VERSIONS);
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichedPaper> record) {
        PaperVersion previous = versions.get(record.key());
        if (previous != null && previous.contentHash().equals(record.value().getContentHash())) {
            return;
        }
        context.forward(record.withValue(new PaperRevision<>(previous, record.value())));
    }
}
