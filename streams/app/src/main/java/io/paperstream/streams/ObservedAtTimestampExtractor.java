package io.paperstream.streams;

import io.paperstream.avro.PaperEngagement;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of papers.engagement: when the figures were observed, so a replay of engagement gives the same
 * velocities as live observation. A record without a usable time keeps the time Kafka gave it.
 */
public final class ObservedAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof PaperEngagement engagement
                && engagement.getObservedAt() != null
                && engagement.getObservedAt().toEpochMilli() >= 0) {
            return engagement.getObservedAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
