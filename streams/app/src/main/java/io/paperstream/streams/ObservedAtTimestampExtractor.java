package io.paperstream.streams;

import io.paperstream.avro.PaperEngagement;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of papers.engagement: when the figures were observed, so a replay of engagement gives the same
 * velocities as live observation. A record without a usable time keeps the time Kafka gave it; one observed too far
 * ahead of now gets its partition's time, and the first stage sends it to the dead-letter topic
 * ({@link EventTimeLimit}).
 */
public final class ObservedAtTimestampExtractor implements TimestampExtractor {

    private final EventTimeLimit limit;

    ObservedAtTimestampExtractor(EventTimeLimit limit) {
        this.limit = limit;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Instant observed = record.value() instanceof PaperEngagement engagement ? engagement.getObservedAt() : null;
        return limit.extract(observed, record, partitionTime);
    }
}
