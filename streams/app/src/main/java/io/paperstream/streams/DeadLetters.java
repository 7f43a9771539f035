package io.paperstream.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;

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
    public static final String STACKTRACE_HEADER = "__streams.errors.stacktrace";
    /** Header of a dead letter whose value was left out: why (its size), and where the original stays. */
    public static final String VALUE_OMITTED_HEADER = "paperstream.value.omitted";

    /** A record batch's header (61 bytes) and a record's own fields, their varints at their longest. */
    private static final int RECORD_OVERHEAD = 61 + 40;
    /** A header's two length varints at their longest. */
    private static final int HEADER_OVERHEAD = 10;

    /**
     * Kafka Streams configuration key of the {@link PipelineObserver} the dead-letter handlers tell
     * of each dead letter: an object, not a string, so it is only set programmatically.
     */
    public static final String OBSERVER_CONFIG = "paperstream.dead-letters.observer";

    private DeadLetters() {}

    /**
     * How the dead-letter handlers finish the dead letters Kafka's handlers build: each gets the {@link #STAGE_HEADER}
     * and no timestamp of its own, fits in a produce request, and is told to the observer.
     *
     * @param observer told of each dead letter
     * @param maxBytes the Streams producer's {@code max.request.size}: a larger dead letter would fail its send, and
     *     with it the stream thread
     */
    record Stamping(PipelineObserver observer, int maxBytes) {

        /** The stamping of a handler's configuration (the application's Kafka Streams configuration). */
        static Stamping of(Map<String, ?> configs) {
            Object maxBytes = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
            if (maxBytes == null) {
                maxBytes = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            }
            if (maxBytes == null) {
                maxBytes = ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            }
            return new Stamping(
                    configs.get(OBSERVER_CONFIG) instanceof PipelineObserver observer
                            ? observer
                            : PipelineObserver.NONE,
                    Integer.parseInt(maxBytes.toString()));
        }

        /**
         * {@code deadLetters} of {@code stage}, finished. Kafka's handlers give a dead letter the failed record's event
         * time: a paper's publication time, which the broker refuses when it is too far ahead and which the topic's
         * retention would delete at once when it is older than retention.ms; without a time of its own, the producer
         * gives it the time it is sent. A dead letter too large to send loses its stack trace header first, then its
         * value (the original stays where its headers say, and {@link #VALUE_OMITTED_HEADER} says why).
         */
        List<ProducerRecord<byte[], byte[]>> stamp(List<ProducerRecord<byte[], byte[]>> deadLetters, String stage) {
            byte[] stageName = stage.getBytes(StandardCharsets.UTF_8);
            return deadLetters.stream()
                    .map(r -> {
                        ProducerRecord<byte[], byte[]> stamped =
                                new ProducerRecord<>(r.topic(), r.partition(), null, r.key(), r.value(), r.headers());
                        stamped.headers().add(STAGE_HEADER, stageName);
                        observer.deadLettered(stage);
                        return fitted(stamped);
                    })
                    .toList();
        }

        private ProducerRecord<byte[], byte[]> fitted(ProducerRecord<byte[], byte[]> deadLetter) {
            if (size(deadLetter) <= maxBytes) {
                return deadLetter;
            }
            deadLetter.headers().remove(STACKTRACE_HEADER);
            if (size(deadLetter) <= maxBytes || deadLetter.value() == null) {
                return deadLetter;
            }
            ProducerRecord<byte[], byte[]> withoutValue = new ProducerRecord<>(
                    deadLetter.topic(), deadLetter.partition(), null, deadLetter.key(), null, deadLetter.headers());
            String why = "its " + deadLetter.value().length + " bytes do not fit a dead letter (max.request.size "
                    + maxBytes + "); the original stays at the topic, partition and offset of its headers";
            withoutValue.headers().add(VALUE_OMITTED_HEADER, why.getBytes(StandardCharsets.UTF_8));
            return withoutValue;
        }

        /** At least the bytes {@code record} takes in a produce request: batch and record overhead at their largest. */
        private static long size(ProducerRecord<byte[], byte[]> record) {
            long size = RECORD_OVERHEAD + length(record.key()) + length(record.value());
            for (Header header : record.headers()) {
                size += HEADER_OVERHEAD + header.key().getBytes(StandardCharsets.UTF_8).length + length(header.value());
            }
            return size;
        }

        private static int length(byte[] bytes) {
            return bytes == null ? 0 : bytes.length;
        }
    }
}
