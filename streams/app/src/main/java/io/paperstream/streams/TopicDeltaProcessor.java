package io.paperstream.streams;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.trends.WindowGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a new or revised paper into per-topic count changes keyed by topic id: {@code +1} for
 * each topic of the new version (at its publication time) and {@code -1} for each topic of the
 * version it replaces (at that version's publication time, so a window takes back exactly what
 * it counted). When both versions have the same publication time the changes are netted and
 * topics the revision kept produce nothing.
 *
 * <p>The first phase of a two-phase aggregation: changes are summed per topic and slice of event
 * time ({@link WindowGrid#sliceOf}: all times of a slice lie in the same windows) in the store
 * {@link StoreNames#TOPIC_DELTA_BUFFER}, which is logged, so the sums are part of each commit's
 * transaction, and forwarded every flush interval, oldest slice first, each at the latest time it
 * holds. The count stage then reads one record per topic and slice instead of one per paper and
 * topic. A change older than the newest buffered slice flushes the buffer first, so the count stage
 * sees event time move in the same order as the papers did and drops exactly the changes it would
 * drop for being later than the grace behind this partition ({@link SourceWatermarks}).
 */
final class TopicDeltaProcessor
        extends ContextualProcessor<String, PaperRevision<ClassifiedPaper>, String, TopicDelta> {

    /** Bound on buffered (slice, topic) sums between flushes. */
    static final int MAX_BUFFERED = 10_000;

    private final WindowGrid grid;
    private final Duration flushInterval;
    private KeyValueStore<String, PendingDelta> buffer;
    private long newestSlice = Long.MIN_VALUE;
    private int buffered;

    TopicDeltaProcessor(WindowGrid grid, Duration flushInterval) {
        this.grid = grid;
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<String, TopicDelta> context) {
        super.init(context);
        buffer = context.getStateStore(StoreNames.TOPIC_DELTA_BUFFER);
        // after a restart or a rebalance the buffer holds what the last commit left in it
        buffered = 0;
        newestSlice = Long.MIN_VALUE;
        try (KeyValueIterator<String, PendingDelta> all = buffer.all()) {
            all.forEachRemaining(entry -> {
                buffered++;
                newestSlice = Math.max(newestSlice, TimeKeys.timeOf(entry.key));
            });
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, PaperRevision<ClassifiedPaper>> record) {
        Map<String, TopicDelta> added = changes(PaperVersion.of(record.value().current()), 1);
        PaperVersion previous = record.value().previous();
        if (record.value().firstSighting()) {
            add(added, record.timestamp());
        } else if (previous.eventTime() == record.timestamp()) {
            Map<String, TopicDelta> net = changes(previous, -1);
            added.forEach((topic, change) -> net.merge(topic, change, TopicDelta::plus));
            add(net, record.timestamp());
        } else {
            add(changes(previous, -1), previous.eventTime());
            add(added, record.timestamp());
        }
    }

    /** Primary and any-assignment change per topic when {@code version} is added ({@code sign} 1) or taken back (-1). */
    private static Map<String, TopicDelta> changes(PaperVersion version, int sign) {
        Map<String, TopicDelta> changes = new LinkedHashMap<>();
        for (String topic : version.topics()) {
            changes.put(topic, new TopicDelta(topic.equals(version.primaryTopic()) ? sign : 0, sign));
        }
        return changes;
    }

    private void add(Map<String, TopicDelta> changes, long timestamp) {
        long slice = grid.sliceOf(timestamp);
        if (slice < newestSlice || buffered >= MAX_BUFFERED) {
            flush();
        }
        newestSlice = Math.max(newestSlice, slice);
        changes.forEach((topic, change) -> {
            if (!change.isZero()) {
                String key = TimeKeys.of(slice, topic);
                PendingDelta pending = buffer.get(key);
                if (pending == null) {
                    buffered++;
                    buffer.put(key, new PendingDelta(change, timestamp));
                } else {
                    buffer.put(key, pending.plus(change, timestamp));
                }
            }
        });
    }

    /** Forwards every buffered sum, oldest slice first, stamped with this task's raw partition, and empties the buffer. */
    private void flush() {
        List<String> flushed = new ArrayList<>();
        Headers stamp = SourceWatermarks.stamp(
                new RecordHeaders(), context().taskId().partition(), context().currentSystemTimeMs());
        try (KeyValueIterator<String, PendingDelta> all = buffer.all()) {
            while (all.hasNext()) {
                KeyValue<String, PendingDelta> entry = all.next();
                flushed.add(entry.key);
                context()
                        .forward(new Record<>(
                                TimeKeys.nameOf(entry.key), entry.value.delta(), entry.value.latest(), stamp));
            }
        }
        flushed.forEach(buffer::delete);
        buffered = 0;
        newestSlice = Long.MIN_VALUE;
    }

    /**
     * The sum of the changes to one topic in one slice, and the latest event time among them.
     *
     * @param delta the summed change
     * @param latest the latest event time of the changes summed
     */
    record PendingDelta(TopicDelta delta, long latest) {

        PendingDelta plus(TopicDelta change, long timestamp) {
            return new PendingDelta(delta.plus(change), Math.max(latest, timestamp));
        }

        static Serde<PendingDelta> serde() {
            return new BinarySerde<>(
                    1,
                    (out, p) -> {
                        out.writeInt(p.delta().primary());
                        out.writeInt(p.delta().any());
                        out.writeLong(p.latest());
                    },
                    in -> new PendingDelta(new TopicDelta(in.readInt(), in.readInt()), in.readLong()));
        }
    }
}
