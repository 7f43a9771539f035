package io.paperstream.producer.replay;

import io.paperstream.avro.DailyDigest;
import io.paperstream.avro.KeywordTrend;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicTrend;
import io.paperstream.producer.PaperEvents;
import io.paperstream.streams.PaperstreamSerdes;
import io.paperstream.streams.PaperstreamTopology;
import io.paperstream.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
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
 * The whole streams application ({@link PaperstreamTopology}) in a {@link TopologyTestDriver},
 * fed with a replay's events as the producer sends them: Avro over an in-memory registry
 * ({@code mock://}), state under {@code target/}, each instance with its own registry scope,
 * application id and state directory.
 */
final class ReplayPipeline implements AutoCloseable {

    /** When the producer read the papers: Kafka's record time, which the application ignores for event time. */
    private static final Instant INGESTED_AT = Instant.parse("2026-06-01T00:00:00Z");

    private final StreamsSettings settings;
    private final PaperstreamSerdes serdes;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PaperAbstract> raw;

    /** The application with its default settings, but for the test's registry, ids and state directory, plus {@code overrides}. */
    ReplayPipeline(Map<String, String> overrides) {
        createTemporaryDirectory();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> values = new HashMap<>(Map.of(
                StreamsSettings.APPLICATION_ID.name(), "paperstream-replay-" + id,
                StreamsSettings.SCHEMA_REGISTRY_URL.name(), "mock://paperstream-replay-" + id,
                StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "streams-state", id).toAbsolutePath().toString()));
        values.putAll(overrides);
        this.settings = StreamsSettings.of(values);
        this.serdes = PaperstreamSerdes.from(settings);
        this.driver = new TopologyTestDriver(PaperstreamTopology.build(settings), settings.kafkaStreamsProperties());
        this.raw = driver.createInputTopic(settings.get(StreamsSettings.TOPIC_RAW), Serdes.String().serializer(),
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

    StreamsSettings settings() {
        return settings;
    }

    /** Sends every event of the replay to papers.raw, keyed by paper id, as {@code produce --generate} does. */
    void send(Replay replay) {
        for (Iterator<ReplayEvent> events = replay.events(); events.hasNext(); ) {
            ReplayEvent event = events.next();
            PaperAbstract paper = PaperEvents.toEvent(event.paper(), ReplayGenerator.SOURCE, event.publishedAt(), INGESTED_AT);
            raw.pipeInput(new TestRecord<>(paper.getId(), paper, INGESTED_AT));
        }
    }

    List<TopicTrend> topicTrends() {
        return read(settings.get(StreamsSettings.TOPIC_TRENDS_TOPICS), TopicTrend.class);
    }

    List<KeywordTrend> keywordTrends() {
        return read(settings.get(StreamsSettings.TOPIC_TRENDS_KEYWORDS), KeywordTrend.class);
    }

    List<DailyDigest> digests() {
        return read(settings.get(StreamsSettings.TOPIC_DIGESTS), DailyDigest.class);
    }

    private <T extends SpecificRecord> List<T> read(String topic, Class<T> type) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), serdes.value(type).deserializer())
                .readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
