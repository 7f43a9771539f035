package io.paperstream.stack;

import static io.paperstream.waits.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The local stack with its real broker and registry, on free ports, its data in a temporary directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackTest {

    private static final String PAPER_SCHEMA = "{\"type\":\"record\",\"name\":\"Paper\",\"namespace\":\"test\","
            + "\"fields\":[{\"name\":\"title\",\"type\":\"string\"}]}";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path directory;

    private LocalStackConfig config;
    private LocalStack stack;

    @BeforeAll
    void startStack() {
        config = LocalStackConfig.onFreePorts(directory.resolve("stack"));
        stack = LocalStack.start(config);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void createsEveryPipelineTopicAsTheStreamsApplicationWould() throws Exception {
        List<String> names = List.of(
                "papers.raw",
                "papers.enriched",
                "papers.classified",
                "topics.counts",
                "topics.windowed",
                "trends.topics",
                "trends.keywords",
                "digests.daily",
                "papers.dlq");
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, String> cleanupPolicies = topicConfig(admin, names, "cleanup.policy");
            Map<String, String> retention = topicConfig(admin, names, "retention.ms");

            assertThat(topics).containsOnlyKeys(names);
            assertThat(topics.get("papers.raw").partitions()).hasSize(4);
            assertThat(topics.get("papers.classified").partitions()).hasSize(4);
            assertThat(topics.get("digests.daily").partitions()).hasSize(1);
            assertThat(topics.values())
                    .allSatisfy(topic -> assertThat(topic.partitions())
                            .allSatisfy(partition ->
                                    assertThat(partition.replicas()).hasSize(1)));
            assertThat(cleanupPolicies)
                    .containsEntry("papers.enriched", "compact")
                    .containsEntry("papers.classified", "compact")
                    .containsEntry("topics.counts", "compact")
                    .containsEntry("digests.daily", "compact")
                    .containsEntry("papers.raw", "delete")
                    .containsEntry("topics.windowed", "delete")
                    .containsEntry("trends.topics", "delete")
                    .containsEntry("papers.dlq", "delete");
            // replayed papers carry publication times from the past: a time-based retention would delete them
            assertThat(retention)
                    .containsEntry("papers.raw", "-1")
                    .containsEntry("topics.windowed", "-1")
                    .containsEntry("trends.topics", "-1")
                    .containsEntry("trends.keywords", "-1")
                    .containsEntry("papers.dlq", "-1");
        }
    }

    @Test
    void theRegistryAnswersTheConfluentApiWithBackwardCompatibility() {
        ConfluentApi registry = new ConfluentApi(stack.schemaRegistryUrl());

        HttpResponse<String> config = registry.get("/config");
        HttpResponse<String> subjects = registry.get("/subjects");
        int id = registry.register("compat-check-value", PAPER_SCHEMA);
        String incompatible = PAPER_SCHEMA.replace(
                "\"type\":\"string\"}]", "\"type\":\"string\"}," + "{\"name\":\"year\",\"type\":\"int\"}]");
        HttpResponse<String> rejected =
                registry.post("/subjects/compat-check-value/versions", ConfluentApi.schemaRequest(incompatible));

        assertThat(stack.schemaRegistryUrl())
                .isEqualTo("http://127.0.0.1:" + this.config.registryPort() + "/apis/ccompat/v7");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"compatibilityLevel\":\"BACKWARD\"");
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(id).isPositive();
        // a new field without a default cannot read old data: BACKWARD rejects it
        assertThat(rejected.statusCode()).isEqualTo(409);
    }

    @Test
    void statusAndStateFileNameWhatRunsWhere() {
        StackStatus status = LocalStack.status(config.dataDirectory());

        assertThat(status.isUp()).isTrue();
        StackState state = status.state().orElseThrow();
        assertThat(state.bootstrapServers()).isEqualTo(stack.bootstrapServers());
        assertThat(state.schemaRegistryUrl()).isEqualTo(stack.schemaRegistryUrl());
        assertThat(state.kafkaPid()).isEqualTo(stack.kafka().node(1).pid().orElseThrow());
        assertThat(state.registryPid()).isEqualTo(stack.registry().pid().orElseThrow());
        assertThat(Files.exists(StackState.file(config.dataDirectory()))).isTrue();
    }

    @Test
    void aSecondStackOnTheSameDataDirectoryIsRefusedWithOneSentence() {
        assertThatThrownBy(() -> LocalStack.start(LocalStackConfig.onFreePorts(config.dataDirectory())))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("the local stack already runs from " + config.dataDirectory())
                .hasMessageEndingWith("stop it first with `paperstream stack stop`");
    }

    @Test
    void aTakenPortIsReportedInOneSentenceBeforeAnythingStarts() throws IOException {
        Path otherDirectory = directory.resolve("taken-port");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalStackConfig clashing =
                    LocalStackConfig.onFreePorts(otherDirectory).withRegistryPort(taken.getLocalPort());

            assertThatThrownBy(() -> LocalStack.start(clashing))
                    .isInstanceOf(StackException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; "
                            + "stop what uses it or pass --registry-port");
        }
        assertThat(otherDirectory).doesNotExist();
    }

    @Test
    void recordsAndSchemaIdsSurviveARestart() throws Exception {
        ConfluentApi registryBefore = new ConfluentApi(stack.schemaRegistryUrl());
        int schemaId = registryBefore.register("papers.raw-value", PAPER_SCHEMA);
        String key = "restart-" + UUID.randomUUID();
        produce(key, "written before the restart");

        stack.stop();
        stack = LocalStack.start(config);

        ConfluentApi registryAfter = new ConfluentApi(stack.schemaRegistryUrl());
        HttpResponse<String> byId = registryAfter.get("/schemas/ids/" + schemaId);
        HttpResponse<String> lookUp =
                registryAfter.post("/subjects/papers.raw-value", ConfluentApi.schemaRequest(PAPER_SCHEMA));
        int nextId = registryAfter.register("papers.enriched-value", PAPER_SCHEMA.replace("Paper", "Enriched"));

        assertThat(stack.createdTopics()).isEmpty();
        assertThat(consumeAll("papers.raw")).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo("written before the restart");
        });
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains("Paper");
        assertThat(ConfluentApi.id(lookUp.body())).isEqualTo(schemaId);
        assertThat(nextId).isGreaterThan(schemaId);
        assertThat(registryAfter.get("/config").body()).contains("BACKWARD");
    }

    private void produce(String key, String value) throws InterruptedException, ExecutionException, TimeoutException {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("papers.raw", key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private List<ConsumerRecord<String, String>> consumeAll(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await("a record in " + topic)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                        return !records.isEmpty();
                    });
        }
        return records;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    private static Map<String, String> topicConfig(Admin admin, Collection<String> topics, String name)
            throws Exception {
        Set<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .collect(Collectors.toSet());
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        return configs.entrySet().stream()
                .collect(Collectors.toMap(
                        entry -> entry.getKey().name(),
                        entry -> entry.getValue().get(name).value()));
    }
}
