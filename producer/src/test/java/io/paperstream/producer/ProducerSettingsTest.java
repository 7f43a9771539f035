package io.paperstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.avro.PaperAbstract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerSettingsTest {

    @Test
    void defaultsAreIdempotentDurableCompressedAndPointAtTheLocalStack() throws IOException {
        Map<String, Object> config = ProducerSettings.resolve(null, Map.of(), null, null);

        assertThat(config).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", "131072")
                .containsEntry("key.serializer", "org.apache.kafka.common.serialization.StringSerializer")
                .containsEntry("value.serializer", "io.paperstream.serde.KafkaAvroSerializer");
    }

    @Test
    void theResolvedConfigurationBuildsARealProducerWithTheAvroSerializer() throws IOException {
        Map<String, Object> config = ProducerSettings.resolve(null, Map.of(), null, "mock://producer-settings-test");

        try (KafkaProducer<String, PaperAbstract> producer = new KafkaProducer<>(config)) {
            assertThat(producer.metrics()).isNotEmpty();
        }
    }

    @Test
    void environmentVariableNamesMapToProperties() {
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_LINGER_MS")).contains("linger.ms");
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_SASL_JAAS_CONFIG")).contains("sasl.jaas.config");
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_SCHEMA_REGISTRY_URL"))
                .contains("schema.registry.url");
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_BASIC_AUTH_USER_INFO"))
                .contains("basic.auth.user.info");
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_HEAP_OPTS")).isEmpty();
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("KAFKA_OPTS")).isEmpty();
        assertThat(ProducerSettings.propertyOfEnvironmentVariable("LINGER_MS")).isEmpty();
    }

    @Test
    void doubleAndTripleUnderscoresStandForDashAndUnderscore() {
        assertThat(ProducerSettings.propertyNameOf("KAFKA_SOME__NAME___WITH_PARTS")).contains("some-name_with.parts");
        assertThat(ProducerSettings.propertyNameOf("KAFKA_LINGER____MS")).isEmpty();
        assertThat(ProducerSettings.propertyNameOf("PAPERSTREAM_TOPIC")).isEmpty();
    }

    @Test
    void eachLayerOverridesTheOnesBefore(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("producer.properties");
        Files.writeString(file, "linger.ms=100\nbatch.size=65536\nbootstrap.servers=file:9092\n"
                + "schema.registry.url=http://file:8081\nmax.request.size=2097152\n");
        Map<String, String> env = Map.of(
                "KAFKA_LINGER_MS", "5",
                "KAFKA_BOOTSTRAP_SERVERS", "kafkaenv:9092",
                "PAPERSTREAM_BOOTSTRAP_SERVERS", "paperstreamenv:9092",
                "PAPERSTREAM_SCHEMA_REGISTRY_URL", "http://env:8081",
                "KAFKA_HEAP_OPTS", "-Xmx1g");

        Map<String, Object> fromEnv = ProducerSettings.resolve(file, env, null, null);
        Map<String, Object> fromOptions = ProducerSettings.resolve(file, env, "option:9092", "http://option:8081");

        assertThat(fromEnv).containsEntry("batch.size", "65536")
                .containsEntry("max.request.size", "2097152")
                .containsEntry("linger.ms", "5")
                .containsEntry("bootstrap.servers", "paperstreamenv:9092")
                .containsEntry("schema.registry.url", "http://env:8081")
                .doesNotContainKey("heap.opts");
        assertThat(fromOptions).containsEntry("bootstrap.servers", "option:9092")
                .containsEntry("schema.registry.url", "http://option:8081");
    }
}
