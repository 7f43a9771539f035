package io.paperstream.producer;

import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicTrend;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.app.PaperstreamTopology;
import io.paperstream.settings.Setting;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
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
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = new HashMap<>(Map.of(
                StreamsSettings.APPLICATION_ID.name(), "paperstream-producer-test-" + id,
                StreamsSettings.SCHEMA_REGISTRY_URL.name(), "mock://paperstream-producer-test-" + id,
                StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "streams-state", id).toAbsolutePath().toString()));
        values.putAll(overrides);
        this.settings = StreamsSettings.of(values);
        this.serdes = PaperstreamSerdes.from(settings);
        this.driver = new TopologyTestDriver(PaperstreamTopology.build(settings), settings.kafkaStreamsProperties());
        this.raw = driver.createInputTopic(settings.get(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS), Serdes.String().serializer(),
                serdes.value(PaperAbstract.class).serializer());
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

    /** Sends an event to papers.raw keyed by its id, with its ingestion time as Kafka's record time, as {@code produce} does. */
    public void send(PaperAbstract paper) {
        raw.pipeInput(new TestRecord<>(paper.getId(), paper, paper.getIngestedAt()));
    }

    public List<ClassifiedPaper> classified() {
        return read(StreamsSettings.KAFKA_TOPIC_CLASSIFIED_PAPERS, ClassifiedPaper.class);
    }

    public List<TopicTrend> topicTrends() {
        return read(StreamsSettings.KAFKA_TOPIC_TOPIC_TRENDS, TopicTrend.class);
    }

    public List<KeywordTrend> keywordTrends() {
        return read(StreamsSettings.KAFKA_TOPIC_KEYWORD_TRENDS, KeywordTrend.class);
    }

    public List<DailyDigest> digests() {
        return read(StreamsSettings.KAFKA_TOPIC_DIGESTS, DailyDigest.class);
    }

    /** Everything written to the topic of {@code setting} since the last read. */
    private <T extends SpecificRecord> List<T> read(Setting<String> setting, Class<T> type) {
        return driver.createOutputTopic(settings.get(setting), Serdes.String().deserializer(), serdes.value(type).deserializer())
                .readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
