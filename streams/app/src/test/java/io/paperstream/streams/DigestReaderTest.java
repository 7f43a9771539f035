package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.DailyDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DigestReaderTest {

    private static final String TOPIC = "digests.daily";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @Test
    void picksTheLatestWindowAcrossPartitionsOrTheRequestedDay() {
        DailyDigest march14 = digest("2026-03-14");
        DailyDigest march15 = digest("2026-03-15");
        DailyDigest march16 = digest("2026-03-16");

        assertThat(read(null, march15, march16, march14)).contains(march16);
        assertThat(read("2026-03-14", march15, march16, march14)).contains(march14);
        assertThat(read("2026-03-20", march15, march16, march14)).isEmpty();
        assertThat(read(null)).isEmpty();
    }

    /** Reads the digests written round-robin to two partitions. */
    private static Optional<DailyDigest> read(String day, DailyDigest... digests) {
        MockConsumer<String, DailyDigest> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(
                TOPIC,
                List.of(new PartitionInfo(TOPIC, 0, null, null, null), new PartitionInfo(TOPIC, 1, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        long[] next = new long[2];
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < digests.length; i++) {
                int partition = i % 2;
                consumer.addRecord(
                        new ConsumerRecord<>(TOPIC, partition, next[partition]++, digests[i].getDay(), digests[i]));
            }
        });
        long[] ends = new long[2];
        for (int i = 0; i < digests.length; i++) {
            ends[i % 2]++;
        }
        consumer.updateEndOffsets(Map.of(P0, ends[0], P1, ends[1]));
        return DigestReader.read(consumer, TOPIC, day, Duration.ofSeconds(5));
    }

    private static DailyDigest digest(String day) {
        Instant start = Instant.parse(day + "T00:00:00Z");
        return DailyDigest.newBuilder()
                .setDay(day)
                .setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofDays(1)))
                .setPapersInWindow(3L)
                .setTopics(List.of())
                .setKeyphrases(List.of())
                .build();
    }
}
