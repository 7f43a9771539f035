package io.paperstream.streams;

import io.paperstream.settings.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.kstream.ValueMapperWithKey;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * How far ahead of this instance's clock an input's event time may be ({@link StreamsSettings#EVENT_TIME_MAX_AHEAD}),
 * and how far behind ({@link StreamsSettings#EVENT_TIME_MAX_BEHIND}, any age when unset). A record whose time is
 * further ahead cannot go through: the records made from it carry its event time, and the broker refuses timestamps
 * more than {@code log.message.timestamp.after.max.ms} ahead (an hour by default since Kafka 4.0), which would fail the
 * stream thread on it again and again; and its time would close every open window as if that much time had passed. A
 * broker with a {@code log.message.timestamp.before.max.ms} refuses old timestamps the same way. So the timestamp
 * extractor gives such a record its partition's time instead, and stream time does not move ({@link #extract}); the
 * input's first processor then fails it with the reason ({@link #check}), and it goes to the dead-letter topic like
 * any record a stage cannot process.
 */
final class EventTimeLimit {

    private static final long ANY_AGE = Long.MAX_VALUE;

    private final long maxAheadMs;
    private final long maxBehindMs;

    private EventTimeLimit(Duration maxAhead, Duration maxBehind) {
        this.maxAheadMs = maxAhead.toMillis();
        this.maxBehindMs = maxBehind == null ? ANY_AGE : maxBehind.toMillis();
    }

    /** The limits of {@code settings}. */
    static EventTimeLimit of(StreamsSettings settings) {
        return new EventTimeLimit(
                settings.get(StreamsSettings.EVENT_TIME_MAX_AHEAD),
                settings.get(StreamsSettings.EVENT_TIME_MAX_BEHIND));
    }

    /**
     * The time of {@code record}: its {@code eventTime} when it has a usable one within the limit; for one past it,
     * the partition's time; without one, the time Kafka gave the record.
     */
    long extract(Instant eventTime, ConsumerRecord<?, ?> record, long partitionTime) {
        if (usable(eventTime)) {
            long time = eventTime.toEpochMilli();
            long ahead = time - System.currentTimeMillis();
            return ahead <= maxAheadMs && -ahead <= maxBehindMs ? time : Math.max(0, partitionTime);
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }

    /**
     * Fails a record whose usable {@code eventTime} is not its {@code timestamp}: {@link #extract} found it too far
     * ahead. {@code what} says what the time is, such as "published at".
     */
    void check(String what, Instant eventTime, long timestamp) {
        if (usable(eventTime) && eventTime.toEpochMilli() != timestamp) {
            Duration ahead = Duration.between(Instant.now().truncatedTo(ChronoUnit.SECONDS), eventTime);
            if (ahead.isNegative()) {
                throw new IllegalArgumentException(what + " " + eventTime + ", " + readable(ahead.negated())
                        + " behind this instance's clock: more than the "
                        + ValueType.DURATION.format(Duration.ofMillis(maxBehindMs)) + " of "
                        + StreamsSettings.EVENT_TIME_MAX_BEHIND.name()
                        + " (the broker refuses records timestamped before its log.message.timestamp.before.max.ms;"
                        + " raise the topics' message.timestamp.before.max.ms to take older papers)");
            }
            throw new IllegalArgumentException(what + " " + eventTime + ", " + readable(ahead)
                    + " ahead of this instance's clock: more than the "
                    + ValueType.DURATION.format(Duration.ofMillis(maxAheadMs)) + " of "
                    + StreamsSettings.EVENT_TIME_MAX_AHEAD.name()
                    + " (the broker refuses records timestamped past its log.message.timestamp.after.max.ms, and"
                    + " a time ahead would close every open window early)");
        }
    }

    /**
     * An input's first processor: fails a record without a value (a tombstone: the inputs take events, and deleting a
     * paper is not something they can ask), {@link #check}s each record's event time ({@code eventTime} of its value,
     * {@code what} it is), then maps its value with {@code mapper}.
     */
    <K, V, R> FixedKeyProcessorSupplier<K, V, R> checked(
            String what, Function<V, Instant> eventTime, ValueMapperWithKey<K, V, R> mapper) {
        return () -> new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<K, R> context;

            @Override
            public void init(FixedKeyProcessorContext<K, R> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<K, V> record) {
                if (record.value() == null) {
                    throw new IllegalArgumentException("the record has no value (a tombstone): the input takes one"
                            + " event per record and deletes nothing");
                }
                check(what, eventTime.apply(record.value()), record.timestamp());
                context.forward(record.withValue(mapper.apply(record.key(), record.value())));
            }
        };
    }

    private static boolean usable(Instant eventTime) {
        return eventTime != null && eventTime.toEpochMilli() >= 0;
    }

    /** A positive duration in its largest units: {@code 161d 3h 12m}, {@code 2h 5m}, {@code 58m}, {@code 40s}. */
    private static String readable(Duration ahead) {
        if (ahead.toMinutes() < 1) {
            return ahead.toSeconds() + "s";
        }
        String minutes = ahead.toMinutesPart() + "m";
        if (ahead.toHours() < 1) {
            return minutes;
        }
        String hours = ahead.toHoursPart() + "h " + minutes;
        return ahead.toDays() < 1 ? hours : ahead.toDays() + "d " + hours;
    }
}
