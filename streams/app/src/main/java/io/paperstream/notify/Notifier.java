package io.paperstream.notify;

import io.paperstream.avro.DailyDigest;
import io.paperstream.streams.PaperstreamSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails every new digest of {@code digests.daily} to every subscriber. Each finished delivery is recorded in
 * {@link DeliveryLog} in one Kafka transaction with the consumer's position (the digest's offset, or the next
 * offset once its last delivery is finished), so a restart resumes exactly after the last finished delivery:
 * none is skipped and none is repeated, except the one mail that was being sent when the process died.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long Kafka may take to answer at start (topic creation, reading the deliveries). */
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    private final NotifySettings settings;
    private final List<Subscriber> subscribers;
    private final SmtpMailer mailer;
    private final CountDownLatch stopped;
    private final KafkaConsumer<String, DailyDigest> consumer;
    private final KafkaProducer<String, String> producer;
    private final String digestsTopic;
    private DeliveryLog deliveries;

    /**
     * @param stopped counted down by {@link #stop()}: the loop ends after the delivery in progress
     */
    public Notifier(NotifySettings settings, List<Subscriber> subscribers, CountDownLatch stopped) {
        this.settings = settings;
        this.subscribers = List.copyOf(subscribers);
        this.stopped = stopped;
        this.mailer = new SmtpMailer(settings, stopped);
        this.digestsTopic = settings.get(NotifySettings.DIGESTS_TOPIC);
        PaperstreamSerdes serdes = new PaperstreamSerdes(settings.serdeConfig());
        this.consumer = new KafkaConsumer<>(
                consumerConfig(),
                new StringDeserializer(),
                serdes.value(DailyDigest.class).deserializer());
        this.producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
    }

    private Map<String, Object> kafka() {
        Map<String, Object> config = new HashMap<>(settings.kafkaPassThrough());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(NotifySettings.BOOTSTRAP_SERVERS));
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = only(kafka(), ConsumerConfig.configNames());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.get(NotifySettings.GROUP_ID));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the streams application writes digests in transactions; the deliveries' own are read the same way
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        // one digest at a time: its deliveries take minutes, far longer than a batch of records is worth
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = only(kafka(), ProducerConfig.configNames());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.get(NotifySettings.TRANSACTIONAL_ID));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private static Map<String, Object> only(Map<String, Object> config, Set<String> names) {
        Map<String, Object> kept = new HashMap<>();
        config.forEach((k, v) -> {
            if (names.contains(k)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /**
     * Runs until {@link #stop()}: takes over the transactional id (fencing an earlier notify), loads the finished
     * deliveries, resumes at the committed position and mails every digest from there.
     */
    public void run() throws InterruptedException, ExecutionException, TimeoutException {
        producer.initTransactions();
        deliveries = DeliveryLog.load(
                only(kafka(), ConsumerConfig.configNames()),
                settings.get(NotifySettings.DELIVERIES_TOPIC),
                KAFKA_TIMEOUT);
        resume();
        LOG.info("notify: {} subscribers, waiting for digests on {}", subscribers.size(), digestsTopic);
        while (stopped.getCount() > 0) {
            for (ConsumerRecord<String, DailyDigest> record : consumer.poll(POLL)) {
                if (!deliver(record)) {
                    return;
                }
            }
        }
    }

    /**
     * Assigns every partition of the digests topic (waiting for it to exist) at the group's committed position;
     * a partition without one starts at its end (or beginning, {@code from-beginning}), committed at once so that a
     * digest arriving before the first crash is not skipped by the restart.
     */
    private void resume() throws InterruptedException {
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) {
            partitions = consumer.partitionsFor(digestsTopic, KAFKA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(digestsTopic, p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                LOG.info("waiting for the topic {} to be created", digestsTopic);
                if (stopped.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InterruptedException("stopped before " + digestsTopic + " existed");
                }
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
                LOG.info("{} resumes at offset {}", partition, offset.offset());
            } else {
                if (settings.get(NotifySettings.FROM_BEGINNING)) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seekToEnd(List.of(partition));
                }
                start.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                LOG.info(
                        "{} starts at offset {} (no position committed yet)",
                        partition,
                        start.get(partition).offset());
            }
        }
        if (!start.isEmpty()) {
            commit(Optional.empty(), start);
        }
    }

    /** Delivers one digest to every subscriber not yet done; false when stopped before the last. */
    private boolean deliver(ConsumerRecord<String, DailyDigest> record) throws InterruptedException {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<TopicPartition, OffsetAndMetadata> done = Map.of(partition, new OffsetAndMetadata(record.offset() + 1));
        DailyDigest digest = record.value();
        if (digest == null) {
            commit(Optional.empty(), done);
            return true;
        }
        String day = digest.getDay();
        List<Subscriber> pending =
                subscribers.stream().filter(s -> !deliveries.finished(day, s)).toList();
        LOG.info(
                "digest {} ({} offset {}): {} of {} subscribers to mail",
                day,
                partition,
                record.offset(),
                pending.size(),
                subscribers.size());
        Map<DeliveryOutcome.Kind, Integer> counts = new EnumMap<>(DeliveryOutcome.Kind.class);
        for (int i = 0; i < pending.size(); i++) {
            if (stopped.getCount() == 0) {
                return false;
            }
            Subscriber subscriber = pending.get(i);
            DeliveryOutcome outcome = outcome(digest, subscriber);
            counts.merge(outcome.kind(), 1, Integer::sum);
            boolean last = i == pending.size() - 1;
            commit(
                    Optional.of(deliveries.record(day, subscriber, outcome, Instant.now())),
                    last ? done : Map.of(partition, new OffsetAndMetadata(record.offset())));
            log(day, i + 1, pending.size(), subscriber, outcome);
        }
        if (pending.isEmpty()) {
            commit(Optional.empty(), done);
        }
        LOG.info("digest {} done: {} (and {} finished before)", day, counts, subscribers.size() - pending.size());
        return true;
    }

    private DeliveryOutcome outcome(DailyDigest digest, Subscriber subscriber) throws InterruptedException {
        Optional<DigestMail> mail = DigestMail.compose(digest, subscriber);
        return mail.isEmpty() ? DeliveryOutcome.filtered() : mailer.send(mail.get());
    }

    private static void log(String day, int done, int of, Subscriber subscriber, DeliveryOutcome outcome) {
        if (outcome.kind() == DeliveryOutcome.Kind.REJECTED) {
            LOG.warn(
                    "digest {}: {}/{} {} rejected by the SMTP server: {} (skipped, not retried)",
                    day,
                    done,
                    of,
                    subscriber.address(),
                    outcome.detail());
        } else {
            LOG.info(
                    "digest {}: {}/{} {} {}",
                    day,
                    done,
                    of,
                    subscriber.address(),
                    outcome.kind().name().toLowerCase(Locale.ROOT));
        }
    }

    /** One transaction: the delivery's record, if any, and the consumer's position. */
    private void commit(
            Optional<ProducerRecord<String, String>> delivery, Map<TopicPartition, OffsetAndMetadata> offsets) {
        producer.beginTransaction();
        delivery.ifPresent(producer::send);
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        delivery.ifPresent(deliveries::committed);
    }

    /** Ends {@link #run()} after the delivery in progress, or at once while it waits. */
    public void stop() {
        stopped.countDown();
        consumer.wakeup();
    }

    @Override
    public void close() {
        mailer.close();
        producer.close(Duration.ofSeconds(10));
        consumer.close(Duration.ofSeconds(10));
    }
}
