package io.paperstream.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finished deliveries: the compacted topic {@code notify.deliveries}, one record per digest day and
 * subscriber (key {@code <day> <address>}, a JSON value with the outcome), written in the transaction that
 * also commits the consumer's offsets. Read to its end at start, it says which deliveries not to repeat.
 */
final class DeliveryLog {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    private final String topic;
    private final Map<String, String> finished = new HashMap<>();

    private DeliveryLog(String topic) {
        this.topic = topic;
    }

    /** The key of the delivery of {@code day}'s digest to {@code subscriber}. */
    static String key(String day, Subscriber subscriber) {
        return day + " " + subscriber.key();
    }

    /**
     * Creates the topic when missing (compacted) and reads it to its end, committed records only.
     *
     * @param kafka the Kafka client settings (bootstrap servers, security)
     * @param timeout how long creating and reading may take
     */
    static DeliveryLog load(Map<String, Object> kafka, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        create(kafka, topic, timeout);
        DeliveryLog log = new DeliveryLog(topic);
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!atEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + topic + " to its end took longer than " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    log.read(record);
                }
            }
        }
        LOG.info("{}: {} finished deliveries recorded", topic, log.finished.size());
        return log;
    }

    private static void create(Map<String, Object> kafka, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(adminConfig(kafka))) {
            NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(Set.of(compacted)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created the compacted topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<String, Object> adminConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        return config;
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            finished.remove(record.key());
        } else {
            finished.put(record.key(), record.value());
        }
    }

    /** True when the delivery of {@code day}'s digest to {@code subscriber} is finished (sent, rejected or filtered). */
    boolean finished(String day, Subscriber subscriber) {
        return finished.containsKey(key(day, subscriber));
    }

    /** The record of a finished delivery, for the transaction that commits it. */
    ProducerRecord<String, String> record(String day, Subscriber subscriber, DeliveryOutcome outcome, Instant at) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("day", day);
        value.put("subscriber", subscriber.address());
        value.put("outcome", outcome.kind().name().toLowerCase(Locale.ROOT));
        value.put("detail", outcome.detail());
        value.put("messageId", DigestMail.messageId(day, subscriber));
        value.put("at", at.toString());
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
        return new ProducerRecord<>(topic, key(day, subscriber), json);
    }

    /** Remembers the delivery of {@code record} as finished, once its transaction is committed. */
    void committed(ProducerRecord<String, String> record) {
        finished.put(record.key(), record.value());
    }
}
