package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paperstream.avro.ClassifiedPaper;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.TopicScore;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.registry.SchemaRegistryClientConfig;
import io.paperstream.serde.KafkaAvroSerializer;
import io.paperstream.stack.StackTopics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Item 8b: a Node.js consumer built from clients we did not write — {@code kafkajs} reading off the real broker,
 * Confluent's JavaScript Schema Registry client ({@code @confluentinc/schemaregistry}, {@code AvroDeserializer})
 * decoding through the real registry's Confluent-compatible API — reads the {@code ClassifiedPaper} events our
 * serde wrote and finds every corpus paper with the same title, abstract, publication time, primary topic and
 * topics. The events are what the streams application writes to {@code papers.classified} (its enrich and
 * classify functions, {@link CorpusEvents#classified}), written by our serializer to a topic of this test, so the
 * test stands alone.
 *
 * <p>The test installs the npm packages itself into {@code target/node-interop}; a failing {@code npm install}
 * (no network, for one) fails the test with npm's output. Only a machine without {@code node} skips it.
 */
@RealKafkaStack
class NodeConsumerInteropIT {

    private static final List<String> PACKAGES = List.of("kafkajs@2.2.4", "@confluentinc/schemaregistry@1.10.1");
    private static final Path NODE_DIRECTORY = Path.of("target", "node-interop").toAbsolutePath();
    private static final String CONSUMER_SCRIPT = "consumer.js";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Instant INGESTED = Instant.parse("2025-03-14T09:00:00Z");

    /** What a child process printed and returned. */
    private record Run(int exitCode, String out, String err) {}

    @Test
    void aKafkajsConsumerWithConfluentsSchemaRegistryClientDecodesEveryClassifiedPaper(StackEndpoints stack)
            throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed: the Node.js interoperability test needs Node 20 and npm");
        Path script = installConsumer();
        String topic = TestTopics.unique("it-papers-classified");
        TestTopics.create(stack.bootstrapServers(), topic, StackTopics.DEFAULT_PARTITIONS);
        List<ClassifiedPaper> events = CorpusEvents.classified(INGESTED);
        send(stack, topic, events);

        Run node = run(
                List.of(
                        "node",
                        script.toString(),
                        stack.bootstrapServers(),
                        topic,
                        stack.registryUrl(),
                        Integer.toString(events.size()),
                        Long.toString(NODE_TIMEOUT.minusSeconds(10).toMillis())),
                NODE_TIMEOUT);

        assertThat(node.exitCode()).as("node consumer: %s", node.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> decoded = new ArrayList<>();
        for (String line : node.out().lines().filter(line -> !line.isBlank()).toList()) {
            decoded.add(json.readTree(line));
        }
        int schemaId = new HttpSchemaRegistryClient(stack.registryUrl())
                .getLatestSchemaMetadata(topic + "-value")
                .id();
        Map<String, JsonNode> byKey = decoded.stream()
                .collect(Collectors.toMap(line -> line.get("key").asText(), Function.identity()));
        assertThat(decoded)
                .as("one line per record, none twice")
                .hasSameSizeAs(events)
                .hasSameSizeAs(byKey.keySet());
        assertThat(byKey.keySet())
                .containsExactlyInAnyOrderElementsOf(events.stream()
                        .map(event -> event.getPaper().getPaper().getId())
                        .toList());
        for (ClassifiedPaper event : events) {
            PaperAbstract paper = event.getPaper().getPaper();
            JsonNode line = byKey.get(paper.getId());
            assertThat(line.get("schemaId").asInt()).isEqualTo(schemaId);
            assertThat(line.get("id").asText()).isEqualTo(paper.getId());
            assertThat(line.get("title").asText()).isEqualTo(paper.getTitle());
            assertThat(line.get("abstract").asText()).isEqualTo(paper.getAbstract$());
            assertThat(line.get("publishedAt").asLong())
                    .isEqualTo(paper.getPublishedAt().toEpochMilli());
            assertThat(line.get("primaryTopic").asText()).as(paper.getTitle()).isEqualTo(event.getPrimaryTopic());
            List<String> topics = new ArrayList<>();
            line.get("topics").forEach(topicId -> topics.add(topicId.asText()));
            assertThat(topics)
                    .as(paper.getTitle())
                    .containsExactlyElementsOf(
                            event.getTopics().stream().map(TopicScore::getId).toList());
        }
    }

    private static boolean nodeAvailable() {
        try {
            return run(List.of("node", "--version"), Duration.ofSeconds(30)).exitCode() == 0;
        } catch (UncheckedIOException e) {
            // no node executable on the PATH
            return false;
        }
    }

    /** Installs the npm packages and the consumer script into {@link #NODE_DIRECTORY}; fails with npm's output. */
    private static Path installConsumer() throws IOException {
        Files.createDirectories(NODE_DIRECTORY);
        List<String> npm = new ArrayList<>(
                List.of("npm", "install", "--prefix", NODE_DIRECTORY.toString(), "--no-audit", "--no-fund"));
        npm.addAll(PACKAGES);
        Run install = run(npm, NPM_TIMEOUT);
        assertThat(install.exitCode())
                .as("npm install %s failed:%n%s%n%s", PACKAGES, install.out(), install.err())
                .isZero();
        Path script = NODE_DIRECTORY.resolve(CONSUMER_SCRIPT);
        try (InputStream resource =
                NodeConsumerInteropIT.class.getResourceAsStream("/node-interop/" + CONSUMER_SCRIPT)) {
            assertThat(resource)
                    .as("test resource node-interop/%s", CONSUMER_SCRIPT)
                    .isNotNull();
            Files.copy(resource, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** Writes the events keyed by paper id with our serializer; fails unless the broker acknowledges all. */
    private static void send(StackEndpoints stack, String topic, List<ClassifiedPaper> events) throws Exception {
        Map<String, Object> config = stack.producerConfig();
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.registryUrl());
        KafkaAvroSerializer<ClassifiedPaper> serializer = new KafkaAvroSerializer<>();
        serializer.configure(config, false);
        try (KafkaProducer<String, ClassifiedPaper> producer =
                new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
            for (ClassifiedPaper event : events) {
                acknowledgements.add(producer.send(
                        new ProducerRecord<>(topic, event.getPaper().getPaper().getId(), event)));
            }
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Runs a command in {@link #NODE_DIRECTORY} without standard input, its output in files there.
     *
     * @throws AssertionError when it has not ended within {@code timeout} (it is then killed)
     * @throws UncheckedIOException when it cannot be started
     */
    private static Run run(List<String> command, Duration timeout) {
        try {
            Files.createDirectories(NODE_DIRECTORY);
            Path out = Files.createTempFile(NODE_DIRECTORY, "run-", ".out");
            Path err = Files.createTempFile(NODE_DIRECTORY, "run-", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(NODE_DIRECTORY.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not end within " + timeout.toSeconds() + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8) + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
