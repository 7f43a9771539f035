package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a new or revised paper into per-topic count changes keyed by topic id: {@code +1} for
 * each topic of the new version (at its publication time) and {@code -1} for each topic of the
 * version it replaces (at that version's publication time, so a window takes back exactly what
 * it counted). When both versions have the same publication time the changes are netted and
 * topics the revision kept produce nothing.
 */
final class TopicDeltaProcessor
        extends ContextualProcessor<String, PaperRevision<ClassifiedPaper>, String, TopicDelta> {

    @Override
    public void process(Record<String, PaperRevision<ClassifiedPaper>> record) {
        PaperVersion current = PaperVersion.of(record.value().current(), record.timestamp());
        PaperVersion previous = record.value().previous();
        if (record.value().firstSighting()) {
            forward(record, changes(current, 1), record.timestamp());
        } else if (previous.eventTime() == record.timestamp()) {
            Map<String, int[]> net = changes(previous, -1);
            changes(current, 1)
                    .forEach((topic, change) ->
                            net.merge(topic, change, (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]}));
            forward(record, net, record.timestamp());
        } else {
            forward(record, changes(previous, -1), previous.eventTime());
            forward(record, changes(current, 1), record.timestamp());
        }
    }

    /** Primary and any-assignment change per topic when {@code version} is added ({@code sign} 1) or taken back (-1). */
    private static Map<String, int[]> changes(PaperVersion version, int sign) {
        Map<String, int[]> changes = new LinkedHashMap<>();
        for (String topic : version.topics()) {
            changes.put(topic, new int[] {topic.equals(version.primaryTopic()) ? sign : 0, sign});
        }
        return changes;
    }

    private void forward(
            Record<String, PaperRevision<ClassifiedPaper>> record, Map<String, int[]> changes, long timestamp) {
        changes.forEach((topic, change) -> {
            if (change[0] != 0 || change[1] != 0) {
                context()
                        .forward(
                                new Record<>(topic, new TopicDelta(change[0], change[1]), timestamp, record.headers()));
            }
        });
    }
}
