package io.paperstream.streams;

import io.paperstream.avro.PaperAbstract;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of papers.raw: the paper's publication time, so replaying history gives the same
 * windows as live ingestion. A record without a usable publication time keeps the time Kafka
 * gave it rather than being dropped.
 */
public final class PublishedAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof PaperAbstract paper
                && paper.getPublishedAt() != null
                && paper.getPublishedAt().toEpochMilli() >= 0) {
            return paper.getPublishedAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
