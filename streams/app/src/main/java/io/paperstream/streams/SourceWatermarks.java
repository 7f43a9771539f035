package io.paperstream.streams;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event time up to which a windowed stage may close its windows when its input gathers records from several
 * tasks: the latest time seen from the slowest source still active. A source is one partition of the raw topic;
 * its task stamps every record it forwards ({@link #stamp}) with its partition and its clock. A backlog drained
 * from several partitions runs their tasks apart in event time, so the latest time seen from any of them (Kafka
 * Streams' stream time) would close windows the slower sources still feed. Each source is in event-time order, so
 * this time makes nothing late that its source sends in order.
 *
 * <p>When a stage starts with nothing stored, the partitions of papers.raw it has not heard from yet ({@link
 * #PARTITIONS_CONFIG}) hold windows open for {@code idle} after its first record. A source that sent nothing for
 * {@code idle} (measured on the senders' clocks, so that a stage catching up on
 * its input does not take a busy source for idle; once the input is drained, on this task's clock) no longer holds
 * windows open: windows close at the slowest of the others, and when every source is idle, at the latest time seen.
 * The time never goes back. Everything is kept in a store of the stage's task, so a restored task goes on where
 * the last commit left it.
 */
public final class SourceWatermarks {

    /** The header a source task stamps on what it forwards: its partition (int), then its clock (long). */
    static final String HEADER = "paperstream.source";
    /**
     * The Kafka Streams config (an {@link Integer}) with the partitions of papers.raw, the sources a stage expects
     * to hear from when it starts with nothing stored; one when absent.
     */
    public static final String PARTITIONS_CONFIG = "paperstream.window.source-partitions";

    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);
    private static final String SOURCE_PREFIX = "source-";
    private static final String TIME_PREFIX = SOURCE_PREFIX + "time/";
    private static final String SEEN_PREFIX = SOURCE_PREFIX + "seen/";
    /** The source of records without the header (written before sources stamped them). */
    private static final int UNKNOWN = -1;

    /** The latest event time and the latest sender clock seen from one source. */
    private static final class Source {
        long time = Long.MIN_VALUE;
        long seen = Long.MIN_VALUE;
    }

    private final KeyValueStore<String, Long> store;
    private final String watermarkKey;
    private final long idleMs;
    private final int partitions;
    private final Map<Integer, Source> sources = new HashMap<>();
    private long latestSeen = Long.MIN_VALUE;
    private long latestSeenArrival;
    private long watermark = Long.MIN_VALUE;

    /**
     * @param store where the sources and the time are kept, under keys starting with {@code source-} and {@code
     *     watermarkKey}
     * @param watermarkKey the key of the time itself
     * @param idleMs how long a source may send nothing before windows close without it
     * @param appConfigs the task's configs, with the number of sources ({@link #PARTITIONS_CONFIG})
     */
    SourceWatermarks(
            KeyValueStore<String, Long> store, String watermarkKey, long idleMs, Map<String, Object> appConfigs) {
        this.store = store;
        this.watermarkKey = watermarkKey;
        this.idleMs = idleMs;
        this.partitions = appConfigs.get(PARTITIONS_CONFIG) instanceof Integer count ? count : 1;
    }

    /** Copies {@code headers} with the stamp of the source task of {@code partition} at {@code clockMs}. */
    static Headers stamp(Headers headers, int partition, long clockMs) {
        Headers stamped = new RecordHeaders(headers.toArray());
        stamped.remove(HEADER);
        stamped.add(
                HEADER,
                ByteBuffer.allocate(Integer.BYTES + Long.BYTES)
                        .putInt(partition)
                        .putLong(clockMs)
                        .array());
        return stamped;
    }

    /**
     * Calls {@code closeUpTo} with the close time once a second of {@code context}'s wall-clock time, so that the
     * windows that sources going idle let close do close while no record comes.
     */
    void scheduleIdleCheck(ProcessingContext context, LongConsumer closeUpTo) {
        context.schedule(IDLE_CHECK, PunctuationType.WALL_CLOCK_TIME, now -> closeUpTo.accept(advance(now)));
    }

    /** Reads what the store holds, as after a restart or a rebalance; {@code nowMs} is this task's clock. */
    void load(long nowMs) {
        sources.clear();
        Long stored = store.get(watermarkKey);
        watermark = stored == null ? Long.MIN_VALUE : stored;
        try (KeyValueIterator<String, Long> all = store.prefixScan(SOURCE_PREFIX, new StringSerializer())) {
            all.forEachRemaining(kv -> {
                boolean time = kv.key.startsWith(TIME_PREFIX);
                int partition = Integer.parseInt(kv.key.substring((time ? TIME_PREFIX : SEEN_PREFIX).length()));
                Source source = sources.computeIfAbsent(partition, p -> new Source());
                if (time) {
                    source.time = kv.value;
                } else {
                    source.seen = kv.value;
                }
            });
        }
        latestSeen = sources.values().stream().mapToLong(s -> s.seen).max().orElse(Long.MIN_VALUE);
        latestSeenArrival = nowMs;
    }

    /** Notes a record of event time {@code timestamp} that arrived at {@code nowMs} on this task's clock. */
    void observe(Headers headers, long timestamp, long nowMs) {
        Header header = headers.lastHeader(HEADER);
        int partition = UNKNOWN;
        long seen = nowMs;
        if (header != null && header.value() != null && header.value().length == Integer.BYTES + Long.BYTES) {
            ByteBuffer stamp = ByteBuffer.wrap(header.value());
            partition = stamp.getInt();
            seen = stamp.getLong();
        }
        if (sources.isEmpty()) {
            // the first record: every partition not heard from yet holds windows open (at no time) for the idle time
            for (int other = 0; other < partitions; other++) {
                Source notYetSeen = new Source();
                notYetSeen.seen = seen;
                sources.put(other, notYetSeen);
                store.put(SEEN_PREFIX + other, seen);
            }
        }
        Source source = sources.computeIfAbsent(partition, p -> new Source());
        if (timestamp > source.time) {
            source.time = timestamp;
            store.put(TIME_PREFIX + partition, timestamp);
        }
        if (seen > source.seen) {
            source.seen = seen;
            store.put(SEEN_PREFIX + partition, seen);
        }
        if (seen >= latestSeen) {
            latestSeen = seen;
            latestSeenArrival = nowMs;
        }
    }

    /**
     * The time up to which windows close at {@code nowMs} on this task's clock: the latest time of the slowest
     * active source, of the latest source when all are idle, never less than before; {@link Long#MIN_VALUE} before
     * any record.
     */
    long advance(long nowMs) {
        if (sources.isEmpty()) {
            return watermark;
        }
        long senderClock = latestSeen + Math.max(0, nowMs - latestSeenArrival);
        long slowestActive = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        for (Source source : sources.values()) {
            latest = Math.max(latest, source.time);
            if (source.seen > senderClock - idleMs) {
                slowestActive = Math.min(slowestActive, source.time);
            }
        }
        long candidate = slowestActive == Long.MAX_VALUE ? latest : slowestActive;
        if (candidate > watermark) {
            watermark = candidate;
            store.put(watermarkKey, candidate);
        }
        return watermark;
    }
}
