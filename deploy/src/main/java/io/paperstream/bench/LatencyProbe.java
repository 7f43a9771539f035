package io.paperstream.bench;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicCount;
import io.paperstream.producer.ProducerSettings;
import io.paperstream.serde.KafkaAvroDeserializer;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.waits.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Latency at a fixed rate, against a running pipeline that has drained its input: sends copies of papers it
 * has already seen (new ids, the latest event time, so that no window closes meanwhile) at {@code rate} per
 * second and measures, per paper, the time from its send to its record in papers.classified, and to the first
 * record of topics.counts whose counts include it (the k-th paper sent is counted when the sum of all topics'
 * primary counts has grown by k: every paper has one primary topic). The papers of a warm-up, sent first at the
 * same rate, are waited for and not measured: the figures are those of the steady state, not of a pipeline
 * woken from idle.
 */
final class LatencyProbe {

    /**
     * The figures of one probe.
     *
     * @param rate papers sent per second
     * @param warmUp papers sent at the rate before the measured ones, not measured
     * @param sent papers sent and measured
     * @param classified of them seen in papers.classified within the wait
     * @param counted of them reflected in topics.counts within the wait
     */
    record Result(
            double rate,
            int warmUp,
            int sent,
            int classified,
            int counted,
            double classifiedP50Ms,
            double classifiedP99Ms,
            double countedP50Ms,
            double countedP99Ms) {}

    /** Papers of the raw topic the probe sends copies of. */
    private static final int POOL = 2_000;

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final String rawTopic;
    private final String classifiedTopic;
    private final String countsTopic;

    LatencyProbe(
            String bootstrapServers,
            String schemaRegistryUrl,
            String rawTopic,
            String classifiedTopic,
            String countsTopic) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.rawTopic = rawTopic;
        this.classifiedTopic = classifiedTopic;
        this.countsTopic = countsTopic;
    }

    /**
     * Sends {@code rate × warmUp} copies of the latest papers of the raw topic, then {@code rate × length} that
     * it measures, and waits for each to be classified and counted.
     */
    Result run(double rate, Duration warmUp, Duration length) throws InterruptedException {
        List<PaperAbstract> seen = pool();
        int warm = papers(rate, warmUp);
        int count = Math.max(1, papers(rate, length));
        Instant eventTime = seen.stream()
                .map(PaperAbstract::getPublishedAt)
                .max(Instant::compareTo)
                .orElseThrow(() -> new BenchException("no papers to send for the latency probe"));
        try (Receiver receiver = new Receiver(warm, count)) {
            receiver.readCountsToTheEnd();
            Thread sender = new Thread(() -> send(seen, eventTime, rate, receiver), "bench-latency-sender");
            sender.setDaemon(true);
            sender.start();
            try {
                Waits.await("every paper of the latency probe classified and counted")
                        .atMost(warmUp.plus(length).plus(SETTLE))
                        .pollInterval(Duration.ZERO)
                        .until(receiver::pollOnce);
            } catch (ConditionTimeoutException e) {
                // the result says how many arrived
            }
            sender.join(SETTLE.toMillis());
            return receiver.result(rate);
        }
    }

    private static int papers(double rate, Duration length) {
        return (int) Math.round(rate * length.toMillis() / 1000.0);
    }

    private void send(List<PaperAbstract> seen, Instant eventTime, double rate, Receiver receiver) {
        Map<String, Object> config = ProducerSettings.of(Map.of(
                        ProducerSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers,
                        ProducerSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl))
                .kafkaProducerConfig();
        KafkaAvroSerializer<PaperAbstract> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);
        try (KafkaProducer<String, PaperAbstract> producer =
                new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            // the producer is made ready before the clock starts: a first send that fetches the topic's metadata
            // and the schema's id stalls (about 250 ms), and the papers due meanwhile would go out in one burst
            producer.partitionsFor(rawTopic);
            serializer.serialize(rawTopic, seen.get(0));
            long start = System.nanoTime();
            for (int k = 0; k < receiver.total; k++) {
                LockSupport.parkNanos(start + (long) (k * 1e9 / rate) - System.nanoTime());
                long now = System.currentTimeMillis();
                PaperAbstract paper = PaperAbstract.newBuilder(seen.get(k % seen.size()))
                        .setId("bench-latency:" + start + ":" + k)
                        .setPublishedAt(eventTime)
                        .setIngestedAt(Instant.ofEpochMilli(now))
                        .build();
                receiver.sent(k, paper.getId(), now);
                producer.send(new ProducerRecord<>(rawTopic, paper.getId(), paper));
            }
        }
    }

    /** Reads papers.classified and topics.counts and times each paper sent. */
    private final class Receiver implements AutoCloseable {

        private final int warmUp;
        private final int count;
        private final int total;
        /** Send times of the measured papers by id, until classified. */
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

        private final AtomicLongArray sendMillis;
        private final KafkaConsumer<byte[], byte[]> consumer = consumer();
        private final KafkaAvroDeserializer<ClassifiedPaper> classified = deserializer(ClassifiedPaper.class);
        private final KafkaAvroDeserializer<TopicCount> counts = deserializer(TopicCount.class);
        private final Map<String, Long> primaryCounts = new HashMap<>();
        private final List<Long> toClassified = new ArrayList<>();
        private final List<Long> toCounted = new ArrayList<>();
        private long base;
        /** Papers sent, warm-up included, that topics.counts has counted. */
        private int countedSoFar;

        Receiver(int warmUp, int count) {
            this.warmUp = warmUp;
            this.count = count;
            this.total = warmUp + count;
            this.sendMillis = new AtomicLongArray(total);
        }

        void sent(int index, String id, long millis) {
            sendMillis.set(index, millis);
            if (index >= warmUp) {
                sentAt.put(id, millis);
            }
        }

        /** Every topic's latest primary count before the probe; papers.classified is read from its end on. */
        void readCountsToTheEnd() {
            List<TopicPartition> countPartitions = partitions(consumer, countsTopic);
            List<TopicPartition> classifiedPartitions = partitions(consumer, classifiedTopic);
            List<TopicPartition> all = new ArrayList<>(countPartitions);
            all.addAll(classifiedPartitions);
            consumer.assign(all);
            consumer.seekToBeginning(countPartitions);
            consumer.seekToEnd(classifiedPartitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(countPartitions);
            Waits.await(countsTopic + " read to its end")
                    .atMost(SETTLE)
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                            TopicCount update = counts.deserialize(record.topic(), record.value());
                            primaryCounts.put(update.getTopic(), update.getPrimaryCount());
                        }
                        return countPartitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                    });
            base = sum(primaryCounts);
        }

        /** One poll of both topics; true when every paper has been classified and counted. */
        boolean pollOnce() {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                long now = System.currentTimeMillis();
                if (record.topic().equals(classifiedTopic)) {
                    String id = classified
                            .deserialize(record.topic(), record.value())
                            .getPaper()
                            .getPaper()
                            .getId();
                    Long sent = sentAt.remove(id);
                    if (sent != null) {
                        toClassified.add(now - sent);
                    }
                } else {
                    TopicCount update = counts.deserialize(record.topic(), record.value());
                    primaryCounts.put(update.getTopic(), update.getPrimaryCount());
                    long reflected = Math.min(sum(primaryCounts) - base, total);
                    for (; countedSoFar < reflected; countedSoFar++) {
                        if (countedSoFar >= warmUp) {
                            toCounted.add(now - sendMillis.get(countedSoFar));
                        }
                    }
                }
            }
            return toClassified.size() >= count && countedSoFar >= total;
        }

        Result result(double rate) {
            return new Result(
                    rate,
                    warmUp,
                    count,
                    toClassified.size(),
                    toCounted.size(),
                    percentile(toClassified, 50),
                    percentile(toClassified, 99),
                    percentile(toCounted, 50),
                    percentile(toCounted, 99));
        }

        @Override
        public void close() {
            consumer.close();
            classified.close();
            counts.close();
        }
    }

    /**
     * The latest papers of the raw topic, up to {@value #POOL}: the last offsets of each partition, so that their
     * latest event time is the pipeline's stream time and no window closes while the probe runs.
     */
    private List<PaperAbstract> pool() {
        List<PaperAbstract> papers = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaAvroDeserializer<PaperAbstract> deserializer = deserializer(PaperAbstract.class)) {
            List<TopicPartition> partitions = partitions(consumer, rawTopic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long perPartition = Math.max(1, POOL / partitions.size());
            partitions.forEach(p -> consumer.seek(p, Math.max(beginnings.get(p), ends.get(p) - perPartition)));
            Waits.await(rawTopic + " read from its last " + perPartition + " offsets of each partition to its end")
                    .atMost(SETTLE)
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                            papers.add(deserializer.deserialize(rawTopic, record.value()));
                        }
                        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
                    });
        }
        return papers;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private <T extends SpecificRecord> KafkaAvroDeserializer<T> deserializer(Class<T> type) {
        KafkaAvroDeserializer<T> deserializer = new KafkaAvroDeserializer<>(type);
        deserializer.configure(Map.of(ProducerSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl), false);
        return deserializer;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double percentile(List<Long> millis, int percent) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
