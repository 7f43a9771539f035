package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paperstream.avro.PaperAbstract;
import io.paperstream.producer.source.PaperRecord;
import io.paperstream.serde.KafkaAvroDeserializer;
import io.paperstream.settings.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreIdempotentDurableCompressedAndPointAtTheLocalStack() {
        Map<String, Object> config = ProducerSettings.of(Map.of()).kafkaProducerConfig();

        assertThat(config)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", "131072")
                .containsEntry("client.id", "paperstream-produce")
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.StringSerializer")
                .containsEntry("value.serializer", "io.paperstream.serde.KafkaAvroSerializer");
    }

    @Test
    void theLoadedConfigurationIsValidForKafkaAndItsSerializerWritesCorpusPapersInTheWireFormat() {
        Map<String, Object> config = ProducerSettings.of(Map.of("schema.registry.url", "mock://producer-settings-test"))
                .kafkaProducerConfig();
        ProducerConfig parsed = new ProducerConfig(config);
        assertThat(parsed.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThat(parsed.getInt(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(131_072);

        PaperRecord paper = CorpusPapers.PAPERS.get(0);
        PaperAbstract event = PaperEvents.toEvent(paper, Instant.parse("2026-01-02T00:00:00Z"), Instant.EPOCH);
        @SuppressWarnings("unchecked")
        Serializer<Object> configured =
                parsed.getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class);
        try (Serializer<Object> serializer = configured;
                KafkaAvroDeserializer<PaperAbstract> deserializer = new KafkaAvroDeserializer<>(PaperAbstract.class)) {
            serializer.configure(config, false);
            deserializer.configure(config, false);
            byte[] bytes = serializer.serialize("papers.raw", event);

            assertThat(bytes[0]).as("the registry wire format's magic byte").isZero();
            assertThat(deserializer.deserialize("papers.raw", bytes)).isEqualTo(event);
        }
    }

    @Test
    void environmentVariableNamesMapToProducerAndSerdeProperties() {
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_LINGER_MS")).contains("linger.ms");
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_BOOTSTRAP_SERVERS"))
                .contains("bootstrap.servers");
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_SASL_JAAS_CONFIG"))
                .contains("sasl.jaas.config");
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_SCHEMA_REGISTRY_URL"))
                .contains("schema.registry.url");
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_BASIC_AUTH_USER_INFO"))
                .contains("basic.auth.user.info");
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_HEAP_OPTS")).isEmpty();
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_OPTS")).isEmpty();
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("LINGER_MS")).isEmpty();
        // a consumer property is no producer property
        assertThat(ProducerSettings.LOADER.kafkaPropertyOf("KAFKA_AUTO_OFFSET_RESET"))
                .isEmpty();
    }

    @Test
    void theOwnEnvironmentVariablesAreTheOnesTheHelpNames() {
        assertThat(ProducerSettings.BOOTSTRAP_SERVERS.environmentVariable()).isEqualTo("PAPERSTREAM_BOOTSTRAP_SERVERS");
        assertThat(ProducerSettings.SCHEMA_REGISTRY_URL.environmentVariable())
                .isEqualTo("PAPERSTREAM_SCHEMA_REGISTRY_URL");
        assertThat(ProducerSettings.ARXIV_REQUEST_INTERVAL.environmentVariable())
                .isEqualTo("PAPERSTREAM_ARXIV_REQUEST_INTERVAL");
        assertThat(ProducerSettings.DECLARED.all())
                .startsWith(ProducerSettings.BOOTSTRAP_SERVERS, ProducerSettings.SCHEMA_REGISTRY_URL)
                .contains(ProducerSettings.ARXIV_API_URL, ProducerSettings.ARXIV_STATE_DIR);
    }

    @Test
    void theArxivSettingsComeFromEveryLayerAndAreNotHandedToKafka() {
        ProducerSettings settings = ProducerSettings.load(
                null,
                Map.of("PAPERSTREAM_ARXIV_REQUEST_INTERVAL", "250ms"),
                Map.of("paperstream.arxiv.oai.url", "http://127.0.0.1:9/oai2"));

        assertThat(settings.get(ProducerSettings.ARXIV_REQUEST_INTERVAL)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.get(ProducerSettings.ARXIV_OAI_URL)).isEqualTo("http://127.0.0.1:9/oai2");
        assertThat(settings.get(ProducerSettings.ARXIV_API_URL)).isEqualTo("https://export.arxiv.org/api/query");
        assertThat(settings.kafkaProducerConfig().keySet()).noneMatch(key -> key.startsWith("paperstream."));
    }

    @Test
    void eachLayerOverridesTheOnesBefore() throws IOException {
        Path file = dir.resolve("producer.properties");
        Files.writeString(
                file,
                "linger.ms=100\nbatch.size=65536\nbootstrap.servers=file:9092\n"
                        + "schema.registry.url=http://file:8081\nmax.request.size=2097152\n");
        Map<String, String> env = Map.of(
                "KAFKA_LINGER_MS", "5",
                "KAFKA_BOOTSTRAP_SERVERS", "kafkaenv:9092",
                "PAPERSTREAM_BOOTSTRAP_SERVERS", "paperstreamenv:9092",
                "PAPERSTREAM_SCHEMA_REGISTRY_URL", "http://env:8081",
                "KAFKA_HEAP_OPTS", "-Xmx1g");

        Map<String, Object> fromEnv = ProducerSettings.load(file, env, Map.of()).kafkaProducerConfig();
        Map<String, Object> fromOptions = ProducerSettings.load(
                        file,
                        env,
                        Map.of("bootstrap.servers", "option:9092", "schema.registry.url", "http://option:8081"))
                .kafkaProducerConfig();

        assertThat(fromEnv)
                .containsEntry("batch.size", "65536")
                .containsEntry("max.request.size", "2097152")
                .containsEntry("linger.ms", "5")
                .containsEntry("bootstrap.servers", "paperstreamenv:9092")
                .containsEntry("schema.registry.url", "http://env:8081")
                .doesNotContainKey("heap.opts");
        assertThat(fromOptions)
                .containsEntry("bootstrap.servers", "option:9092")
                .containsEntry("schema.registry.url", "http://option:8081");
    }

    @Test
    void kafkaVariablesSetTheServersWhenNoPaperstreamVariableDoes() {
        Map<String, Object> config = ProducerSettings.load(
                        null,
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS",
                                "kafkaenv:9092",
                                "KAFKA_AUTO_REGISTER_SCHEMAS",
                                "false",
                                "PAPERSTREAM_SCHEMA_REGISTRY_URL",
                                " "),
                        Map.of())
                .kafkaProducerConfig();

        assertThat(config)
                .containsEntry("bootstrap.servers", "kafkaenv:9092")
                .containsEntry("auto.register.schemas", "false")
                // blank: as if unset
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");
    }

    @Test
    void unknownKafkaKeysGoToTheProducerButUnknownPaperstreamKeysAreErrors() throws IOException {
        Path file = dir.resolve("producer.properties");
        Files.writeString(file, "interceptor.custom.option=on\n");
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "paperstream.bootstrap.servers=x:9092\n");

        assertThat(ProducerSettings.load(file, Map.of(), Map.of()).kafkaProducerConfig())
                .containsEntry("interceptor.custom.option", "on");
        assertThatThrownBy(() -> ProducerSettings.load(typo, Map.of(), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown setting paperstream.bootstrap.servers (in " + typo + ")");
    }
}
