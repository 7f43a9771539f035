package io.paperstream.streams;

import io.paperstream.avro.TopicCount;
import org.apache.kafka.common.serialization.Serde;

/**
 * A change to one topic's counts, keyed by topic id: {@code +1} when a paper gets the topic,
 * {@code -1} when a revision takes it away.
 *
 * @param primary change of the primary count
 * @param any change of the "any assignment" count
 */
public record TopicDelta(int primary, int any) {

    /** Adds this change to the count of {@code topic}. */
    public TopicCount applyTo(String topic, TopicCount count) {
        return TopicCount.newBuilder()
                .setTopic(topic)
                .setPrimaryCount(count.getPrimaryCount() + primary)
                .setAnyCount(count.getAnyCount() + any)
                .build();
    }

    /** The two changes summed. */
    public TopicDelta plus(TopicDelta other) {
        return new TopicDelta(primary + other.primary, any + other.any);
    }

    /** A change that changes nothing, as when a revision keeps a topic. */
    public boolean isZero() {
        return primary == 0 && any == 0;
    }

    static Serde<TopicDelta> serde() {
        return new BinarySerde<>(
                1,
                (out, d) -> {
                    out.writeInt(d.primary());
                    out.writeInt(d.any());
                },
                in -> new TopicDelta(in.readInt(), in.readInt()));
    }
}
