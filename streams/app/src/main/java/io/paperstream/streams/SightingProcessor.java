package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a new or revised paper into what the trend stage needs: for a revision, first the
 * retraction of the old version (at its publication time), then the new version; each stamped
 * with its raw partition, which the trend stage closes windows by ({@link SourceWatermarks}).
 */
final class SightingProcessor
        extends ContextualProcessor<String, PaperRevision<ClassifiedPaper>, String, PaperSighting> {

    @Override
    public void process(Record<String, PaperRevision<ClassifiedPaper>> record) {
        Headers stamped = SourceWatermarks.stamp(
                record.headers(), context().taskId().partition(), context().currentSystemTimeMs());
        if (!record.value().firstSighting()) {
            context()
                    .forward(new Record<>(
                            record.key(),
                            PaperSighting.retractionOf(record.key()),
                            record.value().previous().eventTime(),
                            stamped));
        }
        context()
                .forward(record.withValue(PaperSighting.of(record.value().current()))
                        .withHeaders(stamped));
    }
}
