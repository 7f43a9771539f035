package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.paperstream.avro.PaperAbstract;
import io.paperstream.avro.PaperEngagement;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.registry.HttpSchemaRegistryClient;
import io.paperstream.serde.JavaStringProperty;
import io.paperstream.stack.StackTopics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code produce} sends engagement observations to the real broker, keyed by paper id, under the
 * {@code PaperEngagement} schema in the real registry: the figures of polled Hugging Face daily papers (one with each
 * paper, one more per change, the paper itself once), and a generated replay's engagement series with its ground
 * truth.
 */
@RealKafkaStack
class EngagementProduceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackEndpoints stack;

    EngagementProduceIT(StackEndpoints stack) {
        this.stack = stack;
    }

    private static String entry(String id, int upvotes, int stars, int comments) {
        return "{\"paper\":{\"id\":\"" + id + "\",\"title\":\"Paper " + id + "\",\"summary\":\"About " + id
                + ".\",\"upvotes\":" + upvotes + ",\"githubStars\":" + stars + "},\"numComments\":" + comments + "}";
    }

    @Test
    void pollingSendsEachPaperOnceAndItsFiguresWithItAndOnEveryChange() throws IOException {
        String raw = TestTopics.unique("it-engagement-raw");
        String engagement = TestTopics.unique("it-engagement");
        TestTopics.create(stack.bootstrapServers(), raw, StackTopics.DEFAULT_PARTITIONS);
        TestTopics.create(stack.bootstrapServers(), engagement, StackTopics.DEFAULT_PARTITIONS);
        Deque<String> responses = new ArrayDeque<>(List.of(
                "[" + entry("2501.00001", 3, 10, 0) + "," + entry("2501.00002", 1, 0, 0) + "]",
                "[" + entry("2501.00001", 9, 12, 1) + "," + entry("2501.00002", 1, 0, 0) + "]",
                "[" + entry("2501.00001", 9, 12, 1) + "," + entry("2501.00002", 4, 0, 0) + "]"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/daily_papers", exchange -> {
            String body;
            synchronized (responses) {
                body = responses.isEmpty() ? "[]" : responses.removeFirst();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/daily_papers";
        ProduceCommandRun.Outcome run;
        try {
            run = ProduceCommandRun.inProcess(List.of(
                    "--bootstrap-servers",
                    stack.bootstrapServers(),
                    "--schema-registry-url",
                    stack.registryUrl(),
                    "--topic",
                    raw,
                    "--engagement-topic",
                    engagement,
                    "--url",
                    url,
                    "--poll",
                    "100ms",
                    "--max-polls",
                    "3"));
        } finally {
            server.stop(0);
        }

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_OK);
        assertThat(AvroTopic.read(stack, raw, PaperAbstract.class))
                .extracting(AvroTopic.Keyed::key)
                .containsExactlyInAnyOrder("2501.00001", "2501.00002");
        List<AvroTopic.Keyed<PaperEngagement>> observations = AvroTopic.read(stack, engagement, PaperEngagement.class);
        assertThat(observations)
                .extracting(
                        AvroTopic.Keyed::key,
                        o -> o.value().getUpvotes(),
                        o -> o.value().getGithubStars(),
                        o -> o.value().getComments())
                .containsExactlyInAnyOrder(
                        tuple("2501.00001", 3L, 10L, 0L),
                        tuple("2501.00002", 1L, 0L, 0L),
                        tuple("2501.00001", 9L, 12L, 1L),
                        tuple("2501.00002", 4L, 0L, 0L));
        assertThat(observations).allSatisfy(o -> {
            assertThat(o.value().getPaperId()).isEqualTo(o.key());
            assertThat(o.value().getSource()).isEqualTo("hf-daily");
            assertThat(o.value().getSourceUri()).isEqualTo(url);
        });
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
        int schemaId = registry.getLatestSchemaMetadata(engagement + "-value").id();
        assertThat(registry.getSchemaById(schemaId))
                .isEqualTo(JavaStringProperty.removeFrom(PaperEngagement.getClassSchema()));
    }

    @Test
    void aGeneratedReplaySendsItsEngagementSeriesCoPartitionedWithItsPapers(@TempDir Path dir) throws IOException {
        String raw = TestTopics.unique("it-replay-raw");
        String engagement = TestTopics.unique("it-replay-engagement");
        TestTopics.create(stack.bootstrapServers(), raw, StackTopics.DEFAULT_PARTITIONS);
        TestTopics.create(stack.bootstrapServers(), engagement, StackTopics.DEFAULT_PARTITIONS);
        Path truth = dir.resolve("engagement-truth.json");
        List<String> replay = List.of(
                "--generate",
                "--days",
                "5",
                "--papers-per-day",
                "40",
                "--seed",
                "5",
                "--start",
                "2026-02-01",
                "--engagement",
                "--engagement-truth",
                truth.toString(),
                Corpus.path().toString());
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-servers",
                stack.bootstrapServers(),
                "--schema-registry-url",
                stack.registryUrl(),
                "--topic",
                raw,
                "--engagement-topic",
                engagement));
        arguments.addAll(replay);
        List<String> dryRun = new ArrayList<>(List.of("--dry-run"));
        dryRun.addAll(replay);

        ProduceCommandRun.Outcome run = ProduceCommandRun.inProcess(arguments);
        ProduceCommandRun.Outcome printed = ProduceCommandRun.inProcess(dryRun);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ProduceCommand.EXIT_OK);
        List<AvroTopic.Keyed<PaperAbstract>> papers = AvroTopic.read(stack, raw, PaperAbstract.class);
        List<AvroTopic.Keyed<PaperEngagement>> observations = AvroTopic.read(stack, engagement, PaperEngagement.class);
        long printedObservations = printed.out()
                .lines()
                .filter(line -> line.contains("\"paperId\""))
                .count();
        assertThat(observations).hasSize((int) printedObservations).isNotEmpty();
        Map<String, Integer> paperPartitions =
                papers.stream().collect(Collectors.toMap(AvroTopic.Keyed::key, AvroTopic.Keyed::partition));
        assertThat(observations).allSatisfy(o -> {
            assertThat(o.value().getPaperId()).isEqualTo(o.key());
            assertThat(o.partition()).as("the partition of its paper").isEqualTo(paperPartitions.get(o.key()));
        });
        Set<String> observed = observations.stream().map(AvroTopic.Keyed::key).collect(Collectors.toSet());
        JsonNode rising = JSON.readTree(truth.toFile()).get("risingPapers");
        assertThat(rising)
                .isNotEmpty()
                .allSatisfy(
                        paper -> assertThat(observed).contains(paper.get("id").asText()));
    }
}
