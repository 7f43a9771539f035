package io.paperstream.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.settings.Setting;
import io.paperstream.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRunAgainstALocalBrokerAndRegistry() {
        StreamsSettings settings = StreamsSettings.defaults();

        assertThat(settings.get(StreamsSettings.BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:9092");
        assertThat(settings.get(StreamsSettings.SCHEMA_REGISTRY_URL))
                .isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
        assertThat(settings.get(StreamsSettings.KAFKA_TOPIC_RAW_PAPERS)).isEqualTo("papers.raw");
        assertThat(settings.get(StreamsSettings.WINDOW_SIZE)).isEqualTo(Duration.ofDays(1));
        assertThat(settings.get(StreamsSettings.WINDOW_ADVANCE)).isNull();
        assertThat(settings.windowAdvance()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.get(StreamsSettings.TAXONOMY_FILE)).isNull();
        assertThat(settings.trendParameters().topN()).isEqualTo(10);
    }

    @Test
    void fileThenEnvironmentThenOverridesWin() throws Exception {
        Path file = dir.resolve("paperstream.properties");
        Files.writeString(file, """
                paperstream.window.size=12h
                paperstream.window.grace=30m
                paperstream.trends.top-n=7
                commit.interval.ms=250
                """);

        StreamsSettings settings = StreamsSettings.load(
                file,
                Map.of(
                        "PAPERSTREAM_WINDOW_GRACE",
                        "PT2H",
                        "PAPERSTREAM_BOOTSTRAP_SERVERS",
                        "127.0.0.1:19092",
                        "UNRELATED",
                        "x"),
                Map.of("paperstream.trends.top-n", "3"));

        assertThat(settings.get(StreamsSettings.WINDOW_SIZE)).isEqualTo(Duration.ofHours(12));
        assertThat(settings.get(StreamsSettings.WINDOW_GRACE)).isEqualTo(Duration.ofHours(2));
        assertThat(settings.get(StreamsSettings.BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:19092");
        assertThat(settings.get(StreamsSettings.TRENDS_TOP_N)).isEqualTo(3);
        assertThat(settings.kafkaPassThrough()).containsExactly(Map.entry("commit.interval.ms", "250"));
    }

    @Test
    void kafkaEnvironmentVariablesSetKafkaPropertiesAsForTheProducer() {
        StreamsSettings settings = StreamsSettings.load(
                null,
                Map.of(
                        "KAFKA_COMMIT_INTERVAL_MS", "500",
                        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092",
                        "KAFKA_HEAP_OPTS", "-Xmx1g",
                        "KAFKA_SECURITY_PROTOCOL", "SSL"),
                Map.of());

        assertThat(settings.kafkaPassThrough())
                .containsOnly(Map.entry("commit.interval.ms", "500"), Map.entry("security.protocol", "SSL"));
        assertThat(settings.get(StreamsSettings.BOOTSTRAP_SERVERS)).isEqualTo("127.0.0.1:29092");
        assertThat(StreamsSettings.LOADER.kafkaPropertyOf("KAFKA_SCHEMA_REGISTRY_URL"))
                .contains("schema.registry.url");
        assertThat(StreamsSettings.LOADER.kafkaPropertyOf("KAFKA_OPTS")).isEmpty();
        assertThat(StreamsSettings.LOADER.kafkaPropertyOf("PAPERSTREAM_WINDOW_SIZE"))
                .isEmpty();
        // the PAPERSTREAM_ variable of a declared key wins over the KAFKA_ one
        assertThat(StreamsSettings.load(
                                null,
                                Map.of("KAFKA_BOOTSTRAP_SERVERS", "a:1", "PAPERSTREAM_BOOTSTRAP_SERVERS", "b:2"),
                                Map.of())
                        .get(StreamsSettings.BOOTSTRAP_SERVERS))
                .isEqualTo("b:2");
    }

    @Test
    void badValueIsAnErrorNamingTheKeyAndWhereItCameFrom() {
        assertThatThrownBy(() -> StreamsSettings.load(null, Map.of("PAPERSTREAM_WINDOW_SIZE", "one day"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("paperstream.window.size=one day")
                .hasMessageContaining("PAPERSTREAM_WINDOW_SIZE");
        assertThatThrownBy(() -> StreamsSettings.of(Map.of("paperstream.trends.top-n", "0")))
                .hasMessageContaining("paperstream.trends.top-n=0")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> StreamsSettings.of(Map.of("paperstream.window.size", "0s")))
                .hasMessageContaining("paperstream.window.size")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> StreamsSettings.of(Map.of("processing.guarantee", "exactly_once")))
                .hasMessageContaining("processing.guarantee")
                .hasMessageContaining("exactly_once_v2");
        assertThatThrownBy(() -> StreamsSettings.of(Map.of("paperstream.topic.raw", "papers raw")))
                .hasMessageContaining("paperstream.topic.raw");
        assertThatThrownBy(() ->
                        StreamsSettings.of(Map.of("paperstream.window.size", "1h", "paperstream.window.advance", "2h")))
                .hasMessageContaining("paperstream.window.advance")
                .hasMessageContaining("at most");
    }

    @Test
    void aValueWorkedOutAtStartReplacesOneSettingAndKeepsToItsConstraint() {
        StreamsSettings settings = StreamsSettings.of(Map.of("paperstream.window.size", "2d"));
        BrokerTimestampLimit limit = new BrokerTimestampLimit(
                "papers.enriched", TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Duration.ofMinutes(12));
        StreamsSettings lowered = settings.with(StreamsSettings.EVENT_TIME_MAX_AHEAD, limit.usable());

        assertThat(lowered.get(StreamsSettings.EVENT_TIME_MAX_AHEAD)).isEqualTo(Duration.ofMinutes(11));
        assertThat(settings.get(StreamsSettings.EVENT_TIME_MAX_AHEAD)).isEqualTo(Duration.ofMinutes(55));
        assertThat(lowered.get(StreamsSettings.WINDOW_SIZE)).isEqualTo(Duration.ofDays(2));
        assertThat(lowered.kafkaStreamsProperties()).isEqualTo(settings.kafkaStreamsProperties());
        // Kafka's default hour leaves the default as it is
        assertThat(new BrokerTimestampLimit("t", TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Duration.ofHours(1))
                        .usable())
                .isEqualTo(StreamsSettings.EVENT_TIME_MAX_AHEAD.defaultValue());
        // unset, the age of event times is not limited; a limit worked out at start sets it
        assertThat(settings.get(StreamsSettings.EVENT_TIME_MAX_BEHIND)).isNull();
        assertThat(settings.with(StreamsSettings.EVENT_TIME_MAX_BEHIND, Duration.ofDays(22))
                        .get(StreamsSettings.EVENT_TIME_MAX_BEHIND))
                .isEqualTo(Duration.ofDays(22));
        assertThatThrownBy(() -> settings.with(StreamsSettings.EVENT_TIME_MAX_AHEAD, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paperstream.event-time.max-ahead must be ");
    }

    @Test
    void unknownPaperstreamKeyIsAnErrorSoTyposDoNotPassSilently() {
        assertThatThrownBy(() -> StreamsSettings.of(Map.of("paperstream.windw.size", "1d")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown setting paperstream.windw.size");
    }

    @Test
    void kafkaStreamsPropertiesCarryWhatTheApplicationReliesOn() {
        Properties p = StreamsSettings.of(Map.of(
                        "num.standby.replicas", "1", "paperstream.topic.replication", "3", "state.dir", "/tmp/x"))
                .kafkaStreamsProperties();

        assertThat(p)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "papers.dlq")
                .containsEntry(
                        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterDeserializationHandler.class)
                .containsEntry(
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED)
                .containsEntry("state.dir", "/tmp/x");
        // a user's own idling choice is kept
        assertThat(StreamsSettings.of(Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "500"))
                        .kafkaStreamsProperties())
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "500");
        // RocksDB's memory is bounded for every store together unless the user brings a setter of their own
        assertThat(p)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 192L * 1024 * 1024);
        assertThat(StreamsSettings.of(Map.of(
                                "rocksdb.config.setter", "com.example.Setter", "paperstream.rocksdb.memory-mb", "64"))
                        .kafkaStreamsProperties())
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.Setter")
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 64L * 1024 * 1024);
        // producers batch and compress unless the user says otherwise, for every client or for producers alone
        assertThat(p).containsEntry("producer.batch.size", "131072").containsEntry("producer.compression.type", "lz4");
        assertThat(StreamsSettings.of(Map.of("batch.size", "16384", "producer.compression.type", "none"))
                        .kafkaStreamsProperties())
                .containsEntry("batch.size", "16384")
                .doesNotContainKey("producer.batch.size")
                .containsEntry("producer.compression.type", "none");
        // the whole set is a valid Kafka Streams configuration
        assertThat(new StreamsConfig(p).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG))
                .isEqualTo(1);
    }

    @Test
    void theGroupProtocolIsClassicOrStreamsAndUnderStreamsTheBrokersKeepTheStandbyReplicas() {
        assertThat(StreamsSettings.of(Map.of()).kafkaStreamsProperties())
                .containsEntry(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic")
                // unset: Kafka Streams' own default (none)
                .doesNotContainKey(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG);
        Properties streams = StreamsSettings.of(Map.of("group.protocol", "streams", "num.standby.replicas", "1"))
                .kafkaStreamsProperties();
        // Kafka Streams would ignore it with a warning: GroupProtocol sets it on the group instead
        assertThat(streams)
                .containsEntry(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams")
                .doesNotContainKey(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG);
        assertThat(new StreamsConfig(streams).getString(StreamsConfig.GROUP_PROTOCOL_CONFIG))
                .isEqualTo("streams");
        assertThatThrownBy(() -> StreamsSettings.of(Map.of("group.protocol", "consumer")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("group.protocol");
    }

    @Test
    void helpDescribesEverySettingFromTheSameDeclarations() {
        String help = StreamsSettings.describe();

        for (Setting<?> setting : StreamsSettings.DECLARED.all()) {
            assertThat(help)
                    .contains(setting.name())
                    .contains(setting.environmentVariable())
                    .contains(setting.doc());
        }
        assertThat(help)
                .contains(
                        "paperstream.window.size (duration, positive)\n    default: 1d\n    env:     PAPERSTREAM_WINDOW_SIZE");
    }

    @Test
    void everyDeclaredSettingIsListedInDeclarationOrder() {
        assertThat(StreamsSettings.DECLARED.all())
                .hasSize(50)
                .startsWith(
                        StreamsSettings.APPLICATION_ID,
                        StreamsSettings.BOOTSTRAP_SERVERS,
                        StreamsSettings.SCHEMA_REGISTRY_URL)
                .endsWith(StreamsSettings.HTTP_ADVERTISED_HOST, StreamsSettings.SHUTDOWN_TIMEOUT);
    }

    @Test
    void environmentVariableNamesFollowOneRule() {
        assertThat(StreamsSettings.WINDOW_SIZE.environmentVariable()).isEqualTo("PAPERSTREAM_WINDOW_SIZE");
        assertThat(StreamsSettings.TRENDS_TOP_N.environmentVariable()).isEqualTo("PAPERSTREAM_TRENDS_TOP_N");
        assertThat(StreamsSettings.APPLICATION_ID.environmentVariable()).isEqualTo("PAPERSTREAM_APPLICATION_ID");
        assertThat(StreamsSettings.DECLARED.all().stream()
                        .map(Setting::environmentVariable)
                        .distinct())
                .hasSameSizeAs(StreamsSettings.DECLARED.all());
    }
}
