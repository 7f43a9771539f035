package io.paperstream.producer;

import io.paperstream.app.PaperstreamTopology;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicTrend;
import io.paperstream.streams.KafkaTopic;
import io.paperstream.streams.KafkaTopics;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.streams.PipelineDriver;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole streams application ({@link PaperstreamTopology#build}) in a {@link TopologyTestDriver},
 * fed with events as the producer sends them: Avro over an in-memory registry ({@code mock://}),
 * state under {@code target/}, each instance with its own registry scope, application id and
 * state directory.
 */
public final class StreamsAppDriver implements AutoCloseable {

    private final StreamsSettings settings;
    private final PaperstreamSerdes serdes;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PaperAbstract> raw;

    /** The application with its default settings, but for the test's registry, ids and state directory, plus {@code overrides}. */
    public StreamsAppDriver(Map<String, String> overrides) {
        createTemporaryDirectory();
        this.settings = PipelineDriver.settings(overrides);
        this.serdes = PaperstreamSerdes.from(settings);
        this.driver = new TopologyTestDriver(PaperstreamTopology.build(settings), settings.kafkaStreamsProperties());
        this.raw = driver.createInputTopic(
                KafkaTopics.RAW_PAPERS.name(settings),
                KafkaTopics.RAW_PAPERS.keySerde().serializer(),
                KafkaTopics.RAW_PAPERS.valueSerde(serdes).serializer());
    }

    /** RocksDB unpacks its native library into java.io.tmpdir, which the build points at a directory under target/. */
    private static void createTemporaryDirectory() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StreamsSettings settings() {
        return settings;
    }

    /**
     * Sends an event to papers.raw keyed by its id, with its ingestion time as Kafka's record time, as {@code produce}
     * does. The driver's clock moves by the source idle time first (1 ms, {@link PipelineDriver#settings}), so the
     * windows close at the latest time sent, as on a one-partition topic once its first records are in.
     */
    public void send(PaperAbstract paper) {
        driver.advanceWallClockTime(settings.get(StreamsSettings.WINDOW_SOURCE_IDLE));
        raw.pipeInput(new TestRecord<>(paper.getId(), paper, paper.getIngestedAt()));
    }

    public List<ClassifiedPaper> classified() {
        return read(KafkaTopics.CLASSIFIED_PAPERS);
    }

    public List<TopicTrend> topicTrends() {
        return read(KafkaTopics.TOPIC_TRENDS);
    }

    public List<KeywordTrend> keywordTrends() {
        return read(KafkaTopics.KEYWORD_TRENDS);
    }

    public List<DailyDigest> digests() {
        return read(KafkaTopics.DIGESTS);
    }

    /** Everything written to {@code topic} since the last read. */
    private <T extends SpecificRecord> List<T> read(KafkaTopic<T> topic) {
        return driver.createOutputTopic(
                        topic.name(settings),
                        topic.keySerde().deserializer(),
                        topic.valueSerde(serdes).deserializer())
                .readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
