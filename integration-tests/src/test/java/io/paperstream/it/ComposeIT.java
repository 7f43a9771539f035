package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.stack.Distribution;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.waits.Waits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose/compose.yaml} run for real with {@code podman-compose}: broker, registry, two streams
 * instances and a producer, from the images the build made. The producer is overridden to send the corpus once
 * (no network to Hugging Face here); both instances then serve the corpus's exact counts, gathered from the two,
 * and each one's own part adds up to them.
 */
class ComposeIT {

    /** The deploy module's directory, where compose/compose.yaml lives; set by the build. */
    static final String DEPLOY_PROPERTY = "paperstream.it.deploy";

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration COUNT_TIMEOUT = Duration.ofMinutes(3);

    private final ApiClient client = new ApiClient();

    @Test
    void theComposeFileRunsThePipelineAndBothInstancesServeTheCorpusCounts() throws Exception {
        ContainerImages.required("paperstream.tar", "paperstream/paperstream:" + Distribution.paperstreamVersion());
        ContainerImages.required("kafka.tar", "paperstream/kafka:" + Distribution.kafkaVersion());
        ContainerImages.required("registry.tar", "paperstream/apicurio-registry:" + Distribution.registryVersion());
        int[] ports = LoopbackPorts.freePorts(2);
        String project = "it-compose-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> environment = Map.of(
                "PAPERSTREAM_VERSION", Distribution.paperstreamVersion(),
                "KAFKA_VERSION", Distribution.kafkaVersion(),
                "REGISTRY_VERSION", Distribution.registryVersion(),
                "PAPERSTREAM_HTTP_PORT_1", Integer.toString(ports[0]),
                "PAPERSTREAM_HTTP_PORT_2", Integer.toString(ports[1]),
                "PAPERSTREAM_CORPUS", Corpus.path().toAbsolutePath().toString());
        List<URI> instances =
                List.of(URI.create("http://127.0.0.1:" + ports[0]), URI.create("http://127.0.0.1:" + ports[1]));
        try {
            compose(project, environment, UP_TIMEOUT, "up", "-d");
            Map<String, Long> expected = CorpusTopicCounts.expected();
            for (URI api : instances) {
                Waits.await("the corpus counted, as " + api + " serves it")
                        .atMost(COUNT_TIMEOUT)
                        .ignoreExceptions()
                        .until(() -> CorpusTopicCounts.served(client, api, "").equals(expected));
            }

            Map<String, Long> localSum = new TreeMap<>();
            for (URI api : instances) {
                CorpusTopicCounts.served(client, api, "?scope=local")
                        .forEach((topic, n) -> localSum.merge(topic, n, Long::sum));
            }
            assertThat(localSum).as("the two instances' own counts, added up").isEqualTo(expected);
        } finally {
            compose(project, environment, DOWN_TIMEOUT, "down", "-t", "5");
        }
    }

    /** Runs {@code podman-compose} on the compose file and the test's producer override. */
    private static void compose(String project, Map<String, String> environment, Duration timeout, String... arguments)
            throws URISyntaxException {
        Path composeFile = Path.of(System.getProperty(DEPLOY_PROPERTY), "compose", "compose.yaml");
        Path override = Path.of(
                ComposeIT.class.getResource("/compose/producer-corpus.yaml").toURI());
        List<String> command = new ArrayList<>(
                List.of("podman-compose", "-p", project, "-f", composeFile.toString(), "-f", override.toString()));
        command.addAll(List.of(arguments));
        HostCommand.run(command, ItDirectories.temporary(), environment, timeout);
    }
}
