package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** papers.dlq: bad input goes there with the reason, and the pipeline carries on. */
class DeadLetterTest {

    private static final Instant PUBLISHED = Instant.parse("2026-03-16T09:00:00Z");

    @Test
    void undeserializableRecordGoesToTheDeadLetterTopicAndTheNextPaperIsCounted() {
        // TopologyTestDriver clears its MockProducer after every input, uncommitted transactional sends included;
        // with exactly-once the dead letter of a record that leaves nothing to commit would vanish in the driver
        // (not in Kafka, where the next commit includes it; the integration tests check that)
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of("processing.guarantee", "at_least_once"))) {
            // Step 1: bytes that are not Confluent-framed Avro, then a good paper
            byte[] garbage = "{\"title\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);
            TestInputTopic<String, byte[]> rawBytes =
                    pipeline.driver.createInputTopic("papers.raw", new StringSerializer(), new ByteArraySerializer());
            rawBytes.pipeInput("broken-1", garbage);
            pipeline.pipeRaw(TestPapers.paperAbstract("2410.17215", TestPapers.CORPUS.get(0), PUBLISHED));

            // Step 2: the dead letter keeps the original bytes and says where and why
            List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters().readRecordsToList();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("broken-1");
                assertThat(record.value()).isEqualTo(garbage);
                Headers headers = record.headers();
                assertThat(header(headers, DeadLetters.STAGE_HEADER)).isEqualTo(DeadLetters.DESERIALIZE_STAGE);
                assertThat(header(headers, DeadLetters.EXCEPTION_HEADER)).endsWith("Exception");
                assertThat(header(headers, DeadLetters.MESSAGE_HEADER)).isNotBlank();
                assertThat(header(headers, DeadLetters.TOPIC_HEADER)).isEqualTo("papers.raw");
                assertThat(header(headers, DeadLetters.PARTITION_HEADER)).isEqualTo("0");
                assertThat(header(headers, DeadLetters.OFFSET_HEADER)).isEqualTo("0");
            });
            // Step 3: the application kept going
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2410.17215");
            assertThat(pipeline.counts().readValuesToList())
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.getAnyCount()).isEqualTo(1));
        }
    }

    @Test
    void recordAProcessorFailsOnGoesToTheDeadLetterTopicWithItsStage() {
        try (PipelineDriver pipeline = PipelineDriver.full(Map.of())) {
            // keyed by something else than its paper id: the dedupe store would be partitioned wrongly
            PaperAbstract misKeyed = TestPapers.paperAbstract("2410.17215", TestPapers.CORPUS.get(0), PUBLISHED);
            pipeline.rawInput().pipeInput(new TestRecord<>("some-other-key", misKeyed, PUBLISHED));
            pipeline.pipeRaw(TestPapers.paperAbstract("2406.02061", TestPapers.CORPUS.get(2), PUBLISHED));

            List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters().readRecordsToList();
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("some-other-key");
                PaperAbstract original = pipeline.serdes
                        .value(PaperAbstract.class)
                        .deserializer()
                        .deserialize("papers.raw", record.value());
                assertThat(original).isEqualTo(misKeyed);
                assertThat(header(record.headers(), DeadLetters.STAGE_HEADER)).isEqualTo(EnrichTopology.ENRICH);
                assertThat(header(record.headers(), DeadLetters.EXCEPTION_HEADER))
                        .isEqualTo(IllegalArgumentException.class.getName());
                assertThat(header(record.headers(), DeadLetters.MESSAGE_HEADER))
                        .contains("some-other-key")
                        .contains("2410.17215");
                assertThat(header(record.headers(), DeadLetters.OFFSET_HEADER)).isEqualTo("0");
            });
            assertThat(pipeline.classified().readKeyValuesToMap()).containsOnlyKeys("2406.02061");
        }
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
