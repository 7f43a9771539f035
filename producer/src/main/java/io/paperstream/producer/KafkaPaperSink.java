package io.paperstream.producer;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends papers to one Kafka topic and engagement observations to another, both keyed by paper id, and counts confirmed deliveries and
 * failures from the producer's callbacks, so that the summary says exactly what reached the
 * broker.
 */
final class KafkaPaperSink implements PaperSink {

    private final Producer<String, SpecificRecord> producer;
    private final String topic;
    private final String engagementTopic;
    private final String servers;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private long handedOver;
    private boolean closed;

    /**
     * @param producer the producer, closed by {@link #close(Duration)}
     * @param topic the topic papers are written to
     * @param engagementTopic the topic engagement observations are written to
     * @param servers the bootstrap servers, for messages
     */
    KafkaPaperSink(Producer<String, SpecificRecord> producer, String topic, String engagementTopic, String servers) {
        this.producer = producer;
        this.topic = topic;
        this.engagementTopic = engagementTopic;
        this.servers = servers;
    }

    @Override
    public void send(PaperAbstract event) throws SinkException {
        send(topic, event.getId(), event);
    }

    @Override
    public void send(PaperEngagement event) throws SinkException {
        send(engagementTopic, event.getPaperId(), event);
    }

    private void send(String to, String key, SpecificRecord event) throws SinkException {
        try {
            producer.send(new ProducerRecord<>(to, key, event), (metadata, error) -> {
                if (error == null) {
                    sent.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    failure.compareAndSet(null, describe(to, error));
                }
            });
            handedOver++;
        } catch (KafkaException e) {
            String message = describe(to, e);
            failure.compareAndSet(null, message);
            throw new SinkException(message, e);
        }
    }

    /** One sentence for a send or delivery failure on the papers' topic. */
    String describe(Exception error) {
        return describe(topic, error);
    }

    /** One sentence for a send or delivery failure on the topic {@code topic}. */
    private String describe(String topic, Exception error) {
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        if (error instanceof SerializationException) {
            Throwable cause = error.getCause() == null ? error : error.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            String what = topic.equals(engagementTopic) ? "an engagement observation" : "a paper";
            return "Could not serialize " + what + " for topic '" + topic + "' (schema registry): " + reason;
        }
        if (error instanceof TimeoutException) {
            return "Kafka broker at " + servers + " did not take the records in time (is it still running?): " + detail;
        }
        if (error instanceof AuthenticationException || error instanceof AuthorizationException) {
            return "Kafka broker at " + servers + " refused to let us write to '" + topic + "': " + detail;
        }
        if (error instanceof RecordTooLargeException) {
            return "A paper is too large for the broker (raise max.request.size): " + detail;
        }
        return "Sending to topic '" + topic + "' on " + servers + " failed: " + detail;
    }

    @Override
    public boolean flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            failure.compareAndSet(null, describe(e));
        }
        return failure.get() == null;
    }

    @Override
    public long sent() {
        return sent.get();
    }

    @Override
    public long failed() {
        return closed ? handedOver - sent.get() : failed.get();
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close(Duration timeout) {
        if (!closed) {
            producer.close(timeout);
            closed = true;
        }
    }
}
