package io.paperstream.streams;

import io.paperstream.avro.TopicCount;
import io.paperstream.avro.TopicWindowCount;
import io.paperstream.trends.WindowGrid;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The count of each topic per event-time window of the {@link WindowGrid}, summed from the count stage's changes in
 * {@value StoreNames#TOPIC_WINDOW_COUNTS} (the store the serving API reads), emitted once final when its window
 * closes and, when asked for, on every update before (marked as not final).
 *
 * <p>A window closes at {@code end + grace <= close time}, the time of the slowest raw partition still sending
 * ({@link SourceWatermarks}, kept in {@value StoreNames#TOPIC_WINDOW_SOURCES}), as the trend stage's windows do:
 * Kafka Streams' windowed aggregation closes them at the latest time any partition reached, which drops most of a
 * backlog drained from several partitions. A change for a closed window is dropped, as there; a punctuation closes
 * the windows that sources going idle let close.
 */
final class TopicWindowProcessor extends ContextualProcessor<String, TopicDelta, String, TopicWindowCount> {

    private static final String CLOSE_TIME = "close-time";

    private final WindowGrid grid;
    private final long graceMs;
    private final long sourceIdleMs;
    private final boolean earlyUpdates;
    private TimestampedWindowStore<String, TopicCount> counts;
    private SourceWatermarks sources;
    private final NavigableSet<Long> openWindows = new TreeSet<>();

    /**
     * @param grid the windows
     * @param graceMs how long after its end a window still takes changes
     * @param sourceIdleMs how long a raw partition may send nothing before windows close without it
     * @param earlyUpdates whether to emit every update of an open window too
     */
    TopicWindowProcessor(WindowGrid grid, long graceMs, long sourceIdleMs, boolean earlyUpdates) {
        this.grid = grid;
        this.graceMs = graceMs;
        this.sourceIdleMs = sourceIdleMs;
        this.earlyUpdates = earlyUpdates;
    }

    @Override
    public void init(ProcessorContext<String, TopicWindowCount> context) {
        super.init(context);
        counts = context.getStateStore(StoreNames.TOPIC_WINDOW_COUNTS);
        sources = new SourceWatermarks(
                context.getStateStore(StoreNames.TOPIC_WINDOW_SOURCES), CLOSE_TIME, sourceIdleMs, context.appConfigs());
        sources.load(context.currentSystemTimeMs());
        // the windows the last commit left open: those not closed at its close time
        openWindows.clear();
        long closeTime = sources.advance(context.currentSystemTimeMs());
        long earliestOpen = closeTime == Long.MIN_VALUE ? 0 : Math.max(0, closeTime - graceMs - grid.sizeMs());
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<TopicCount>> stored =
                counts.fetchAll(Instant.ofEpochMilli(earliestOpen), Instant.ofEpochMilli(Long.MAX_VALUE))) {
            stored.forEachRemaining(kv -> {
                long start = kv.key.window().start();
                if (!closed(start, closeTime)) {
                    openWindows.add(start);
                }
            });
        }
        sources.scheduleIdleCheck(context, this::closeWindowsUpTo);
    }

    @Override
    public void process(Record<String, TopicDelta> record) {
        long now = context().currentSystemTimeMs();
        sources.observe(record.headers(), record.timestamp(), now);
        long closeTime = sources.advance(now);
        String topic = record.key();
        for (long start = grid.firstStartFor(record.timestamp());
                start <= grid.lastStartFor(record.timestamp());
                start += grid.advanceMs()) {
            if (!closed(start, closeTime)) {
                ValueAndTimestamp<TopicCount> before = counts.fetch(topic, start);
                TopicCount count = record.value().applyTo(topic, before == null ? zero() : before.value());
                long latest = before == null ? record.timestamp() : Math.max(before.timestamp(), record.timestamp());
                counts.put(topic, ValueAndTimestamp.make(count, latest), start);
                openWindows.add(start);
                if (earlyUpdates) {
                    context().forward(new Record<>(topic, windowCount(topic, start, count, false), latest));
                }
            }
        }
        closeWindowsUpTo(closeTime);
    }

    private boolean closed(long windowStart, long closeTime) {
        return grid.endOf(windowStart) + graceMs <= closeTime;
    }

    /** Emits the final count of every topic of each window that {@code closeTime} closes. */
    private void closeWindowsUpTo(long closeTime) {
        while (!openWindows.isEmpty() && closed(openWindows.first(), closeTime)) {
            long start = openWindows.pollFirst();
            Instant at = Instant.ofEpochMilli(start);
            try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<TopicCount>> window = counts.fetchAll(at, at)) {
                while (window.hasNext()) {
                    KeyValue<Windowed<String>, ValueAndTimestamp<TopicCount>> kv = window.next();
                    String topic = kv.key.key();
                    context()
                            .forward(new Record<>(
                                    topic, windowCount(topic, start, kv.value.value(), true), kv.value.timestamp()));
                }
            }
        }
    }

    private TopicWindowCount windowCount(String topic, long start, TopicCount count, boolean isFinal) {
        return TopicWindowCount.newBuilder()
                .setTopic(topic)
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(grid.endOf(start)))
                .setPrimaryCount(count.getPrimaryCount())
                .setAnyCount(count.getAnyCount())
                .setFinal$(isFinal)
                .build();
    }

    static TopicCount zero() {
        return TopicCount.newBuilder()
                .setTopic("")
                .setPrimaryCount(0L)
                .setAnyCount(0L)
                .build();
    }
}
