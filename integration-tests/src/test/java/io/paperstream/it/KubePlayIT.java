package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paperstream.stack.Distribution;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.waits.Waits;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests of the application ({@code deploy/k8s/streams.yaml}, {@code producer.yaml}) run for real
 * with {@code podman kube play} against the test broker and registry: the streams StatefulSet's pod template (its
 * image, arguments, environment, probes and state volume) as a pod, the producer Deployment's as a pod that sends
 * the corpus. What the test changes, and only that: the pods share the host's network (the test broker is on
 * 127.0.0.1; no ports are mapped, the probes address the test's port), settings that point at the test stack and
 * this run's topics are added as {@code --set} arguments
 * (which override the environment), and the clients' security settings and what they read from Strimzi's secrets
 * are left out (the test broker is not secured).
 */
@RealKafkaStack
class KubePlayIT {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Duration PLAY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration COUNT_TIMEOUT = Duration.ofMinutes(3);
    private static final String CORPUS_IN_POD = "/data/trending-papers.txt";
    /** The clients' settings for the secured cluster: security protocol, SASL, TLS. */
    private static final Pattern CLIENT_SECURITY = Pattern.compile("KAFKA_(SECURITY|SASL|SSL)_");

    private final StackEndpoints stack;
    private final ApiClient client = new ApiClient();

    KubePlayIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void theStreamsAndProducerManifestsRunWithKubePlayAndServeTheCorpusCounts() throws IOException {
        ContainerImages.required("paperstream.tar", "paperstream/paperstream:" + Distribution.paperstreamVersion());
        PipelineTopics topics = PipelineTopics.unique("it-kube");
        int port = LoopbackPorts.freePorts(1)[0];
        Path directory = ItDirectories.fresh("kube-play/" + topics.prefix());
        Path k8s = Path.of(System.getProperty(ComposeIT.DEPLOY_PROPERTY), "k8s");

        ObjectNode streams = podOf(document(k8s.resolve("streams.yaml"), "StatefulSet"), topics.prefix() + "-streams");
        ObjectNode streamsContainer =
                (ObjectNode) streams.path("spec").path("containers").get(0);
        addArguments(streamsContainer, streamsSettings(topics, port));
        probeAt(streamsContainer, port);
        Path streamsPod = write(directory.resolve("streams-pod.yaml"), streams);

        ObjectNode producer =
                podOf(document(k8s.resolve("producer.yaml"), "Deployment"), topics.prefix() + "-producer");
        ((ObjectNode) producer.path("spec")).put("restartPolicy", "OnFailure");
        ObjectNode producerContainer =
                (ObjectNode) producer.path("spec").path("containers").get(0);
        producerContainer.set("args", YAML.valueToTree(produceArguments(topics)));
        mountCorpus(producer, producerContainer);
        Path producerPod = write(directory.resolve("producer-pod.yaml"), producer);

        URI api = URI.create("http://127.0.0.1:" + port);
        try {
            podman(directory, "kube", "play", "--build=false", streamsPod.toString());
            podman(directory, "kube", "play", "--build=false", producerPod.toString());
            Map<String, Long> expected = CorpusTopicCounts.expected();
            try {
                Waits.await("the corpus counted by the streams pod, as " + api + " serves it")
                        .atMost(COUNT_TIMEOUT)
                        .ignoreExceptions()
                        .until(() -> CorpusTopicCounts.served(client, api, "").equals(expected));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + podState(directory, topics.prefix() + "-streams"), e);
            }
            assertThat(client.get(api.resolve("/ready")).status()).isEqualTo(200);
            assertThat(podman(directory, "logs", topics.prefix() + "-producer-producer"))
                    .contains("produce: read 116, sent 116, skipped 0, failed 0");
        } finally {
            HostCommand.cleanUp(List.of("podman", "kube", "down", producerPod.toString()), directory, PLAY_TIMEOUT);
            HostCommand.cleanUp(List.of("podman", "kube", "down", streamsPod.toString()), directory, PLAY_TIMEOUT);
            HostCommand.cleanUp(
                    List.of("podman", "volume", "rm", "--force", topics.prefix() + "-streams-state"),
                    directory,
                    PLAY_TIMEOUT);
        }
    }

    /** The pod that {@code workload}'s pod template makes, named {@code name}, on the host's network. */
    private static ObjectNode podOf(JsonNode workload, String name) {
        ObjectNode pod = YAML.createObjectNode();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.putObject("metadata").put("name", name);
        ObjectNode spec = workload.path("spec").path("template").path("spec").deepCopy();
        spec.put("hostNetwork", true);
        ArrayNode volumes = spec.withArray("volumes");
        for (JsonNode claim : workload.path("spec").path("volumeClaimTemplates")) {
            String volume = claim.path("metadata").path("name").asText();
            volumes.addObject()
                    .put("name", volume)
                    .putObject("persistentVolumeClaim")
                    .put("claimName", name + "-" + volume);
        }
        for (JsonNode container : spec.path("containers")) {
            // the host's network maps no ports
            ((ObjectNode) container).remove("ports");
            Iterator<JsonNode> variables = container.path("env").iterator();
            while (variables.hasNext()) {
                JsonNode variable = variables.next();
                if (variable.path("valueFrom").has("secretKeyRef")
                        || CLIENT_SECURITY
                                .matcher(variable.path("name").asText())
                                .lookingAt()) {
                    variables.remove();
                }
            }
        }
        pod.set("spec", spec);
        return pod;
    }

    private Map<String, String> streamsSettings(PipelineTopics topics, int port) {
        Map<String, String> settings = new TreeMap<>(topics.settings());
        settings.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), stack.bootstrapServers());
        settings.put(StreamsSettings.SCHEMA_REGISTRY_URL.name(), stack.registryUrl());
        // one test broker
        settings.put(StreamsSettings.KAFKA_TOPIC_REPLICATION.name(), "1");
        settings.put(StreamsSettings.HTTP_HOST.name(), "127.0.0.1");
        settings.put(StreamsSettings.HTTP_PORT.name(), Integer.toString(port));
        settings.put(StreamsSettings.HTTP_ADVERTISED_HOST.name(), "127.0.0.1");
        return settings;
    }

    private List<String> produceArguments(PipelineTopics topics) {
        List<String> arguments = new ArrayList<>(List.of("produce"));
        arguments.addAll(stack.produceArguments(topics.raw(), Corpus.YEAR, CORPUS_IN_POD));
        return arguments;
    }

    private static void addArguments(ObjectNode container, Map<String, String> settings) {
        ArrayNode args = container.withArray("args");
        settings.forEach((key, value) -> args.add("--set").add(key + "=" + value));
    }

    /** What podman knows of the pod {@code pod}: its containers' states and restarts, and its streams container's log. */
    private static String podState(Path directory, String pod) {
        String containers = HostCommand.diagnostic(
                List.of("podman", "ps", "--all", "--filter", "pod=" + pod, "--format", "{{.Names}} {{.Status}}"),
                directory,
                PLAY_TIMEOUT);
        String restarts = HostCommand.diagnostic(
                List.of("podman", "inspect", "--format", "{{.Name}} restarts={{.RestartCount}}", pod + "-streams"),
                directory,
                PLAY_TIMEOUT);
        String log = HostCommand.diagnostic(
                List.of("podman", "logs", "--tail", "200", pod + "-streams"), directory, PLAY_TIMEOUT);
        return "the pod's containers:\n" + containers + restarts + "\nthe end of its streams container's log:\n" + log;
    }

    /** The probes of {@code container} at {@code port}, where the test has its API listen. */
    private static void probeAt(ObjectNode container, int port) {
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(container.path(probe).path("httpGet").isObject())
                    .as(probe)
                    .isTrue();
            ((ObjectNode) container.path(probe).path("httpGet")).put("port", port);
        }
    }

    private static void mountCorpus(ObjectNode pod, ObjectNode container) {
        ((ObjectNode) pod.path("spec"))
                .withArray("volumes")
                .addObject()
                .put("name", "corpus")
                .putObject("hostPath")
                .put("path", Corpus.path().toAbsolutePath().toString())
                .put("type", "File");
        container
                .withArray("volumeMounts")
                .addObject()
                .put("name", "corpus")
                .put("mountPath", CORPUS_IN_POD)
                .put("readOnly", true);
    }

    /** The one document of {@code kind} in the manifest {@code file}. */
    private static JsonNode document(Path file, String kind) throws IOException {
        try (var parser = YAML.createParser(file.toFile())) {
            List<JsonNode> documents = YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(document -> document.path("kind").asText().equals(kind))
                    .toList();
            assertThat(documents).as("%s in %s", kind, file).hasSize(1);
            return documents.get(0);
        }
    }

    private static Path write(Path file, JsonNode document) throws IOException {
        Files.writeString(file, YAML.writeValueAsString(document));
        return file;
    }

    private static String podman(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return HostCommand.run(command, directory, Map.of(), PLAY_TIMEOUT);
    }
}
