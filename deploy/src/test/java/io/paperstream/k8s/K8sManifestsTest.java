package io.paperstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.paperstream.stack.Distribution;
import io.paperstream.streams.KafkaTopics;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TopicProvisioner;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s} read as Strimzi's and Kubernetes' own model classes: every field is one the models know,
 * the topics are the ones {@link TopicProvisioner} would create with the streams StatefulSet's settings, the
 * users hold exactly the ACLs the application needs, and the workloads use the images the build makes.
 */
class K8sManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class,
            "StatefulSet", StatefulSet.class,
            "Deployment", Deployment.class,
            "Service", Service.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class);

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final List<HasMetadata> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void readManifests() throws IOException {
        for (String file : kustomizationResources()) {
            try (var parser = YAML.createParser(K8S.resolve(file).toFile())) {
                for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                    String kind = document.path("kind").asText();
                    assertThat(KINDS).as("%s: a kind this test knows", file).containsKey(kind);
                    RESOURCES.add(JsonMapper.builder().build().treeToValue(document, KINDS.get(kind)));
                }
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndEveryFieldIsOneTheModelsKnow() throws Exception {
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")))
                    .containsExactlyInAnyOrderElementsOf(kustomizationResources());
        }
        for (HasMetadata resource : RESOURCES) {
            assertThat(unknownFields(
                            resource,
                            resource.getKind() + "/" + resource.getMetadata().getName()))
                    .as("fields the model classes do not know")
                    .isEmpty();
        }
    }

    @Test
    void theKafkaClusterIsKraftWithScramOverTlsAndAnAuthorizer() {
        KafkaNodePool pool = one(KafkaNodePool.class);
        assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        assertThat(pool.getSpec().getReplicas()).isEqualTo(3);
        Kafka kafka = one(Kafka.class);
        assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
        GenericKafkaListener listener =
                kafka.getSpec().getKafka().getListeners().get(0);
        assertThat(listener.isTls()).isTrue();
        assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
        assertThat(kafka.getSpec().getKafka().getAuthorization().getType()).isEqualTo("simple");
        assertThat(streamsEnv().get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort());
    }

    @Test
    void theTopicsAreTheOnesTheApplicationCreatesWithTheStatefulSetsSettings() {
        Map<String, String> topicsOfCode = new TreeMap<>();
        for (NewTopic topic : TopicProvisioner.newTopics(streamsSettings())) {
            topicsOfCode.put(
                    topic.name(),
                    topic.numPartitions() + " x" + topic.replicationFactor() + " " + new TreeMap<>(topic.configs()));
        }
        Map<String, String> topicsOfManifests = new TreeMap<>();
        for (KafkaTopic topic : all(KafkaTopic.class)) {
            Map<String, String> config = new TreeMap<>();
            topic.getSpec().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
            topicsOfManifests.put(
                    topic.getSpec().getTopicName(),
                    topic.getSpec().getPartitions() + " x" + topic.getSpec().getReplicas() + " " + config);
        }
        assertThat(topicsOfManifests).isEqualTo(topicsOfCode);
    }

    @Test
    void theStreamsUserMayReadTheInputWriteTheOutputsAndOwnItsInternalTopicsGroupAndTransactions() {
        StreamsSettings settings = streamsSettings();
        String applicationId = settings.get(StreamsSettings.APPLICATION_ID);
        String raw = KafkaTopics.RAW_PAPERS.name(settings);
        String engagement = KafkaTopics.ENGAGEMENT.name(settings);
        Map<String, Set<AclOperation>> expected = new TreeMap<>();
        expected.put("topic literal " + raw, Set.of(AclOperation.READ, AclOperation.DESCRIBE));
        expected.put("topic literal " + engagement, Set.of(AclOperation.READ, AclOperation.DESCRIBE));
        settings.topics().stream()
                .filter(topic -> !topic.equals(raw) && !topic.equals(engagement))
                .forEach(topic ->
                        expected.put("topic literal " + topic, Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)));
        expected.put("topic prefix " + applicationId + "-", Set.of(AclOperation.ALL));
        expected.put("group literal " + applicationId, Set.of(AclOperation.READ, AclOperation.DESCRIBE));
        expected.put(
                "transactionalId prefix " + applicationId + "-", Set.of(AclOperation.WRITE, AclOperation.DESCRIBE));
        assertThat(acls(user("paperstream-streams"))).isEqualTo(expected);

        assertThat(acls(user("paperstream-producer")))
                .isEqualTo(Map.of(
                        "topic literal " + raw,
                        Set.of(AclOperation.WRITE, AclOperation.DESCRIBE),
                        "topic literal " + engagement,
                        Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)));
    }

    @Test
    void theStreamsPodsKeepStateOnTheirVolumesProbeReadinessAndAdvertiseTheirStableNames() {
        StatefulSet streams = one(StatefulSet.class);
        Container container =
                streams.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("paperstream/paperstream:" + Distribution.paperstreamVersion());
        assertThat(container.getArgs()).containsExactly("stream");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health");
        String stateVolume =
                streams.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(stateVolume);
            assertThat(mount.getMountPath()).isEqualTo(streamsEnv().get("KAFKA_STATE_DIR"));
        });
        assertThat(streamsEnv())
                .containsEntry(
                        "PAPERSTREAM_HTTP_ADVERTISED_HOST",
                        "$(POD_NAME)." + streams.getSpec().getServiceName());
        assertThat(streamsSettings().get(StreamsSettings.NUM_STANDBY_REPLICAS)).isPositive();
        Service headless = all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(streams.getSpec().getServiceName()))
                .findFirst()
                .orElseThrow();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        Deployment producer = all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("producer"))
                .findFirst()
                .orElseThrow();
        assertThat(producer.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo(container.getImage());
    }

    /** The settings the streams container gets from its literal environment variables. */
    private static StreamsSettings streamsSettings() {
        Map<String, String> environment = new HashMap<>(streamsEnv());
        // expanded by Kubernetes from the pod name
        environment.remove("PAPERSTREAM_HTTP_ADVERTISED_HOST");
        return StreamsSettings.load(null, environment, Map.of());
    }

    private static Map<String, String> streamsEnv() {
        Container container = one(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        return container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, Set<AclOperation>> acls(KafkaUser user) {
        Map<String, Set<AclOperation>> acls = new TreeMap<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            String resource = resource(rule);
            assertThat(acls).as("one rule per resource").doesNotContainKey(resource);
            acls.put(resource, Set.copyOf(rule.getOperations()));
        }
        return acls;
    }

    private static String resource(AclRule rule) {
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            return "topic " + pattern(topic.getPatternType()) + " " + topic.getName();
        }
        if (rule.getResource() instanceof AclRuleGroupResource group) {
            return "group " + pattern(group.getPatternType()) + " " + group.getName();
        }
        if (rule.getResource() instanceof AclRuleTransactionalIdResource id) {
            return "transactionalId " + pattern(id.getPatternType()) + " " + id.getName();
        }
        return "unexpected " + rule.getResource().getType();
    }

    private static String pattern(AclResourcePatternType type) {
        return type == AclResourcePatternType.PREFIX ? "prefix" : "literal";
    }

    private static KafkaUser user(String name) {
        return all(KafkaUser.class).stream()
                .filter(user -> user.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaUser " + name));
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> resources = all(type);
        assertThat(resources).as(type.getSimpleName()).hasSize(1);
        return resources.get(0);
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return RESOURCES.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> kustomizationResources() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        List<String> files = new ArrayList<>();
        kustomization.path("resources").forEach(file -> files.add(file.asText()));
        return files;
    }

    /**
     * The paths of fields the model classes kept aside as unknown ({@code getAdditionalProperties()}), anywhere
     * under {@code value}: a misspelt or misplaced field, which Kubernetes or Strimzi would reject or ignore.
     */
    private static List<String> unknownFields(Object value, String path) throws ReflectiveOperationException {
        List<String> unknown = new ArrayList<>();
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>) {
            return unknown;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
            return unknown;
        }
        if (value instanceof Map<?, ?> || !value.getClass().getPackageName().startsWith("io.")) {
            return unknown;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) getter.invoke(value);
                if (extra != null) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else if (getter.getName().startsWith("get") && !getter.getName().equals("getClass")) {
                unknown.addAll(unknownFields(
                        getter.invoke(value), path + "." + getter.getName().substring(3)));
            }
        }
        return unknown;
    }
}
