package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.stack.Distribution;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.waits.Waits;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The paperstream image, run for real: a {@code produce} container sends the corpus to the test broker, a
 * {@code stream} container (memory-limited) processes it and answers the API from inside the container, as a
 * non-root user, with its heap sized by the container's memory. The containers share the host's network, so
 * that they reach the broker and the registry where the tests do, on 127.0.0.1, and the API listens there too.
 */
@RealKafkaStack
class PaperstreamImageIT {

    private static final String CORPUS_IN_CONTAINER = "/tmp/trending-papers.txt";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final long MEMORY_LIMIT = 1024L * 1024 * 1024;
    /** The image's {@code -XX:MaxRAMPercentage}. */
    private static final double HEAP_SHARE = 0.70;

    private static final Pattern HEAP_MAX =
            Pattern.compile("^jvm_memory_max_bytes\\{area=\"heap\",id=\"[^\"]*\"} ([0-9.E+]+)$", Pattern.MULTILINE);

    private static final Logger CONTAINER_LOG = LoggerFactory.getLogger("paperstream-container");

    private final StackEndpoints stack;
    private final ApiClient client = new ApiClient();

    PaperstreamImageIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void produceAndStreamContainersCountTheCorpusExactlyAndTheApiAnswersFromTheContainer() throws Exception {
        DockerImageName image = ContainerImages.required(
                "paperstream.tar", "paperstream/paperstream:" + Distribution.paperstreamVersion());
        PipelineTopics topics = PipelineTopics.unique("it-image");
        TestTopics.create(stack.bootstrapServers(), topics.raw(), 1);

        try (GenericContainer<?> produce = paperstream(image)
                .withCopyFileToContainer(MountableFile.forHostPath(Corpus.path(), 0644), CORPUS_IN_CONTAINER)
                .withCommand(command("produce", stack.produceArguments(topics.raw(), Corpus.YEAR, CORPUS_IN_CONTAINER)))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(RUN_TIMEOUT))) {
            produce.start();
            assertThat(produce.getLogs()).contains("produce: read 116, sent 116, skipped 0, failed 0");
        }

        int port = LoopbackPorts.freePorts(1)[0];
        URI api = URI.create("http://127.0.0.1:" + port);
        try (GenericContainer<?> stream = paperstream(image)
                .withCommand(command("stream", setOptions(topics, port)))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(MEMORY_LIMIT))) {
            stream.start();
            Waits.await("the stream container ready on " + api)
                    .atMost(RUN_TIMEOUT)
                    .until(() -> answers(api.resolve("/ready")));
            Map<String, Long> expected = CorpusTopicCounts.expected();
            Waits.await("the corpus counted by the stream container")
                    .atMost(RUN_TIMEOUT)
                    .until(() -> CorpusTopicCounts.served(client, api, "").equals(expected));

            assertThat(CorpusTopicCounts.served(client, api, "")).isEqualTo(expected);
            assertThat(client.get(api.resolve("/health")).status()).isEqualTo(200);
            ExecResult user = stream.execInContainer("id", "-u");
            assertThat(user.getStdout().strip())
                    .as("the user the image runs as")
                    .isEqualTo("10001");
            double heapMax = heapMax(client.get(api.resolve("/metrics")).body());
            assertThat(heapMax)
                    .as("the stream JVM's maximum heap, under a %d-byte memory limit", MEMORY_LIMIT)
                    .isBetween(HEAP_SHARE * MEMORY_LIMIT * 0.9, HEAP_SHARE * MEMORY_LIMIT * 1.05);
        }
    }

    /** A container of the image on the host's network, its output in this test's log. */
    private static GenericContainer<?> paperstream(DockerImageName image) {
        return new GenericContainer<>(image)
                .withNetworkMode("host")
                .withStartupTimeout(RUN_TIMEOUT)
                .withLogConsumer(new Slf4jLogConsumer(CONTAINER_LOG));
    }

    private static String[] command(String verb, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(verb);
        command.addAll(arguments);
        return command.toArray(String[]::new);
    }

    /** {@code --set} options: the run's topics, the test stack, the API on 127.0.0.1:{@code port}. */
    private List<String> setOptions(PipelineTopics topics, int port) {
        Map<String, String> settings = new TreeMap<>(topics.settings());
        settings.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        settings.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), stack.registryUrl());
        settings.put(StreamsSettings.HTTP_HOST.name(), "127.0.0.1");
        settings.put(StreamsSettings.HTTP_PORT.name(), Integer.toString(port));
        return settings.entrySet().stream()
                .flatMap(entry -> List.of("--set", entry.getKey() + "=" + entry.getValue()).stream())
                .toList();
    }

    private boolean answers(URI uri) {
        try {
            return client.get(uri).status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The largest {@code jvm_memory_max_bytes} of a heap pool in the Prometheus text: the maximum heap. */
    private static double heapMax(String metrics) {
        Matcher matcher = HEAP_MAX.matcher(metrics);
        double max = -1;
        while (matcher.find()) {
            max = Math.max(max, Double.parseDouble(matcher.group(1)));
        }
        assertThat(max).as("heap pools in /metrics:%n%s", metrics).isPositive();
        return max;
    }
}
