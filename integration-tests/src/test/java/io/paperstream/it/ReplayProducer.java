package io.paperstream.it;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.KafkaAvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends {@code PaperAbstract} events (or {@code PaperEngagement} observations) to an input topic as any producer of
 * paperstream would: keyed by paper id,
 * values in the Confluent wire format through our serde and the real registry, idempotent with
 * {@code acks=all}, so that retries after a broker fault write no duplicates.
 */
final class ReplayProducer implements AutoCloseable {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    private final KafkaProducer<String, SpecificRecord> producer;
    private final String topic;

    ReplayProducer(StackEndpoints endpoints, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // a stopped broker's partitions move within seconds; the producer keeps retrying meanwhile
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, endpoints.registryUrl());
        KafkaAvroSerializer<SpecificRecord> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), serializer);
        this.topic = topic;
    }

    /** Sends {@code events} and waits until the broker has acknowledged every one; fails on the first error. */
    void sendAll(List<PaperAbstract> events) {
        send(events, PaperAbstract::getId);
    }

    /** Sends engagement {@code observations}, keyed by paper id, as {@link #sendAll} sends papers. */
    void sendObservations(List<PaperEngagement> observations) {
        send(observations, PaperEngagement::getPaperId);
    }

    private <V extends SpecificRecord> void send(List<V> events, Function<V, String> key) {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(events.size());
        for (V event : events) {
            acknowledgements.add(producer.send(new ProducerRecord<>(topic, key.apply(event), event)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get(DELIVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the broker did not acknowledge an event of " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while producing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
