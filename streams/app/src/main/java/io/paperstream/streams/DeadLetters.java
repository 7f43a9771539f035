package io.paperstream.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The headers of a record in the dead-letter topic. Kafka Streams' own handlers (KIP-1034) write
 * the original key and value bytes with the {@code __streams.errors.*} headers (exception class,
 * message, stack trace, source topic, partition, offset); paperstream adds the stage that failed
 * and gives the dead letter the time it failed.
 */
public final class DeadLetters {

    /** Header naming the pipeline stage that failed: {@code deserialize} or the processor name. */
    public static final String STAGE_HEADER = "paperstream.stage";
    /** Stage of records whose bytes could not be read into their Avro type. */
    public static final String DESERIALIZE_STAGE = "deserialize";

    public static final String EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String MESSAGE_HEADER = "__streams.errors.message";
    public static final String TOPIC_HEADER = "__streams.errors.topic";
    public static final String PARTITION_HEADER = "__streams.errors.partition";
    public static final String OFFSET_HEADER = "__streams.errors.offset";

    /**
     * Kafka Streams configuration key of the {@link PipelineObserver} the dead-letter handlers tell
     * of each dead letter: an object, not a string, so it is only set programmatically.
     */
    public static final String OBSERVER_CONFIG = "paperstream.dead-letters.observer";

    private DeadLetters() {}

    /**
     * The dead letters Kafka's handler built, each with the {@link #STAGE_HEADER} of {@code stage} and no timestamp of
     * its own, so that the producer gives it the time it is sent. Kafka's handlers give a dead letter the failed
     * record's event time: a paper's publication time, which the broker refuses when it is too far ahead and which
     * the topic's retention would delete at once when it is older than retention.ms.
     */
    static List<ProducerRecord<byte[], byte[]>> stamped(
            List<ProducerRecord<byte[], byte[]>> deadLetters, String stage) {
        byte[] value = stage.getBytes(StandardCharsets.UTF_8);
        return deadLetters.stream()
                .map(r -> {
                    ProducerRecord<byte[], byte[]> stamped =
                            new ProducerRecord<>(r.topic(), r.partition(), null, r.key(), r.value(), r.headers());
                    stamped.headers().add(STAGE_HEADER, value);
                    return stamped;
                })
                .toList();
    }

    /** The observer of a handler's configuration, or {@link PipelineObserver#NONE}. */
    static PipelineObserver observer(Map<String, ?> configs) {
        return configs.get(OBSERVER_CONFIG) instanceof PipelineObserver observer ? observer : PipelineObserver.NONE;
    }

    /** Tells {@code observer} of each of {@code deadLetters}. */
    static void report(PipelineObserver observer, List<ProducerRecord<byte[], byte[]>> deadLetters, String stage) {
        deadLetters.forEach(r -> observer.deadLettered(stage));
    }
}
