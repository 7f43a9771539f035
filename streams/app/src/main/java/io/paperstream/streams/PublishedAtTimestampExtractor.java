package io.paperstream.streams;

import io.paperstream.avro.PaperAbstract;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of papers.raw: the paper's publication time, so replaying history gives the same windows as live
 * ingestion. A record without a usable publication time keeps the time Kafka gave it rather than being dropped; one
 * published too far ahead of now gets its partition's time, and the first stage sends it to the dead-letter topic
 * ({@link EventTimeLimit}).
 */
public final class PublishedAtTimestampExtractor implements TimestampExtractor {

    private final EventTimeLimit limit;

    PublishedAtTimestampExtractor(EventTimeLimit limit) {
        this.limit = limit;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Instant published = record.value() instanceof PaperAbstract paper ? paper.getPublishedAt() : null;
        return limit.extract(published, record, partitionTime);
    }
}
