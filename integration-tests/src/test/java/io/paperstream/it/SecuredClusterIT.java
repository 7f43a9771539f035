package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.paperstream.app.PaperstreamApp;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.stack.KafkaCluster;
import io.paperstream.stack.KafkaSecurity;
import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.LoopbackPorts;
import io.paperstream.stack.PaperstreamAcls;
import io.paperstream.stack.SchemaRegistryProcess;
import io.paperstream.stack.SecuredStackClients;
import io.paperstream.streams.StreamsSettings;
import io.paperstream.streams.TopicProvisioner;
import io.paperstream.waits.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secured broker (SASL_SSL with SCRAM-SHA-512, a certificate made by keytool, Kafka's StandardAuthorizer):
 * principals holding exactly the README's ACLs ({@link PaperstreamAcls}) produce the corpus and count it exactly,
 * reaching the schema registry through a reverse proxy with TLS and HTTP Basic authentication ({@link RegistryProxy});
 * a principal without them gets one sentence naming the missing permission and exit code 3, from {@code produce}
 * and from {@code stream}, and the application does not replace its threads in a loop.
 */
class SecuredClusterIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    private static final String STREAMS_USER = "paperstream-streams";
    private static final String PRODUCER_USER = "paperstream-producer";
    private static final String NO_ACLS_USER = "no-acls";
    private static final String NO_TRANSACTIONS_USER = "no-transactions";

    private static final String REGISTRY_USER = "paperstream";
    private static final String REGISTRY_PASSWORD = "registry-secret";

    private static KafkaCluster cluster;
    private static SchemaRegistryProcess registry;
    private static RegistryProxy proxy;
    private static KafkaSecurity security;
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    private final ApiClient client = new ApiClient();

    @BeforeAll
    static void startSecuredStack() {
        Path directory = ItDirectories.fresh("secured");
        cluster = KafkaCluster.securedOnFreePorts(directory.resolve("kafka"))
                .withStartTimeout(START_TIMEOUT)
                .start();
        security = cluster.security().orElseThrow();
        int[] ports = LoopbackPorts.freePorts(2);
        registry = new SchemaRegistryProcess(ports[0], ports[1], directory.resolve("registry"));
        registry.start(START_TIMEOUT);
        String upstream = registry.confluentApiUrl()
                .substring(0, registry.confluentApiUrl().length() - SchemaRegistryProcess.CONFLUENT_API_PATH.length());
        try {
            proxy = RegistryProxy.start(
                    directory.resolve("registry-proxy"), upstream, REGISTRY_USER, REGISTRY_PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Admin admin = Admin.create(cluster.adminConfig())) {
            for (String user : List.of(STREAMS_USER, PRODUCER_USER, NO_ACLS_USER, NO_TRANSACTIONS_USER)) {
                PASSWORDS.put(user, "secret-of-" + user);
                PaperstreamAcls.createUser(admin, user, PASSWORDS.get(user));
            }
        }
    }

    @AfterAll
    static void stopSecuredStack() {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.stop(Duration.ofSeconds(10));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** On either rebalance protocol: on the streams one the brokers create the internal topics, with the same ACLs. */
    @ParameterizedTest(name = "group.protocol={0}")
    @ValueSource(strings = {"classic", "streams"})
    void principalsWithTheReadmeAclsProduceAndCountTheCorpusExactly(String groupProtocol) throws Exception {
        PipelineTopics topics = PipelineTopics.unique("it-secured");
        Map<String, String> values = values(topics, STREAMS_USER);
        values.put(StreamsSettings.GROUP_PROTOCOL.name(), groupProtocol);
        // set, so that on the streams protocol the application sets it as the group's config (AlterConfigs)
        values.put(StreamsSettings.NUM_STANDBY_REPLICAS.name(), "0");
        StreamsSettings settings = StreamsSettings.of(values);
        provision(settings);
        grant(PaperstreamAcls.streams("User:" + STREAMS_USER, settings));
        grant(PaperstreamAcls.producer("User:" + PRODUCER_USER, topics.raw()));

        ProduceCommandRun.Outcome produced =
                ProduceCommandRun.inProcess(produceArguments(topics, PRODUCER_USER, REGISTRY_PASSWORD));
        assertThat(produced.exitCode()).as(produced.err()).isEqualTo(ProduceCommand.EXIT_OK);
        assertThat(produced.errLines())
                .last()
                .asString()
                .startsWith("produce: read 116, sent 116, skipped 0, failed 0");

        try (PaperstreamApp app = new PaperstreamApp(settings)) {
            app.start();
            URI api = ServingInstances.baseUri(app);
            Map<String, Long> expected = CorpusTopicCounts.expected();
            Waits.await("the corpus counted on the secured broker")
                    .atMost(RUN_TIMEOUT)
                    .ignoreExceptions()
                    .until(() -> CorpusTopicCounts.served(client, api, "").equals(expected));
            assertThat(CorpusTopicCounts.served(client, api, "")).isEqualTo(expected);
        }
    }

    @Test
    void produceWithoutTheWriteAclIsOneSentenceNamingItAndExitCode3() throws IOException {
        PipelineTopics topics = PipelineTopics.unique("it-secured-denied");
        provision(StreamsSettings.of(values(topics, STREAMS_USER)));

        ProduceCommandRun.Outcome denied =
                ProduceCommandRun.inProcess(produceArguments(topics, NO_ACLS_USER, REGISTRY_PASSWORD));

        assertThat(denied.exitCode()).as(denied.err()).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(denied.errLines()).hasSize(1);
        assertThat(denied.errLines().get(0))
                .contains("does not allow this principal to Describe topic '" + topics.raw() + "'")
                .contains("Write and Describe");
    }

    @Test
    void aWrongRegistryPasswordIsOneSentenceAndExitCode3() throws IOException {
        PipelineTopics topics = PipelineTopics.unique("it-secured-registry");
        StreamsSettings settings = StreamsSettings.of(values(topics, STREAMS_USER));
        provision(settings);
        grant(PaperstreamAcls.producer("User:" + PRODUCER_USER, topics.raw()));

        ProduceCommandRun.Outcome refused =
                ProduceCommandRun.inProcess(produceArguments(topics, PRODUCER_USER, "not-" + REGISTRY_PASSWORD));

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ProduceCommand.EXIT_UNAVAILABLE);
        assertThat(refused.errLines())
                .containsExactly("Schema registry at " + proxy.url(SchemaRegistryProcess.CONFLUENT_API_PATH)
                        + " refused access (HTTP 401); set basic.auth.user.info in --producer-config");
    }

    @Test
    void streamWithoutItsAclsIsOneSentenceNamingThePermissionAndExitCode3() {
        PipelineTopics noAcls = PipelineTopics.unique("it-secured-no-acls");
        provision(StreamsSettings.of(values(noAcls, STREAMS_USER)));
        StreamCommandRun refused = StreamCommandRun.of(values(noAcls, NO_ACLS_USER));
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(3);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains("does not allow this principal");

        PipelineTopics noTransactions = PipelineTopics.unique("it-secured-no-transactions");
        Map<String, String> values = values(noTransactions, NO_TRANSACTIONS_USER);
        StreamsSettings settings = StreamsSettings.of(values);
        provision(settings);
        grant(PaperstreamAcls.streams("User:" + NO_TRANSACTIONS_USER, settings).stream()
                .filter(acl -> acl.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID)
                .toList());
        StreamCommandRun withoutTransactions = StreamCommandRun.of(values);
        assertThat(withoutTransactions.exitCode()).as(withoutTransactions.err()).isEqualTo(3);
        assertThat(withoutTransactions.errLines())
                .containsExactly("the Kafka broker does not allow this principal to Write transactional ids (the "
                        + "application needs Write and Describe on the transactional ids prefixed with its "
                        + "application id)");
    }

    @Test
    void theSecuredLocalStackWritesClientSettingsWithWhichProduceSendsTheCorpus() {
        Path directory = ItDirectories.fresh("secured-local-stack");
        LocalStack stack = LocalStack.startSecured(LocalStackConfig.onFreePorts(directory));
        try {
            Path security = LocalStack.securityDirectory(directory);
            ProduceCommandRun.Outcome produced = ProduceCommandRun.inProcess(List.of(
                    "--producer-config",
                    security.resolve(SecuredStackClients.PRODUCER_FILE).toString(),
                    "--year",
                    Integer.toString(Corpus.YEAR),
                    Corpus.path().toString()));
            assertThat(produced.exitCode()).as(produced.err()).isEqualTo(ProduceCommand.EXIT_OK);
            assertThat(produced.errLines())
                    .last()
                    .asString()
                    .startsWith("produce: read 116, sent 116, skipped 0, failed 0");
            assertThat(LocalStack.status(directory).isUp())
                    .as("stack status of the secured stack")
                    .isTrue();
            assertThat(LocalStack.status(directory).state())
                    .hasValueSatisfying(state -> assertThat(state.secured()).isTrue());
        } finally {
            stack.stop();
        }
    }

    /** What {@code stream} printed on standard error and returned. */
    /** The streams application's settings over {@code topics}, connecting as {@code user}. */
    private static Map<String, String> values(PipelineTopics topics, String user) {
        Map<String, String> values = new TreeMap<>(topics.settings());
        values.put(StreamsSettings.BOOTSTRAP_SERVERS.name(), cluster.bootstrapServers());
        values.put(StreamsSettings.HTTP_PORT.name(), "0");
        values.put(
                StreamsConfig.STATE_DIR_CONFIG,
                ItDirectories.fresh("streams-state/" + topics.prefix()).toString());
        values.putAll(clientConfig(user, REGISTRY_PASSWORD));
        return values;
    }

    /** The application's topics, created as the super user. */
    private static void provision(StreamsSettings settings) {
        try (Admin admin = Admin.create(cluster.adminConfig())) {
            TopicProvisioner.createMissing(admin, settings, RUN_TIMEOUT.toMillis());
        } catch (Exception e) {
            throw new AssertionError("creating the topics as the super user", e);
        }
    }

    private static void grant(List<AclBinding> acls) {
        try (Admin admin = Admin.create(cluster.adminConfig())) {
            PaperstreamAcls.grant(admin, acls);
        }
    }

    /**
     * The settings of a client connecting as {@code user} to the broker, and to the registry through the proxy with
     * {@code registryPassword}.
     */
    private static Map<String, String> clientConfig(String user, String registryPassword) {
        Map<String, String> config = new TreeMap<>(security.clientConfig(user, PASSWORDS.get(user)));
        config.putAll(proxy.clientConfig(SchemaRegistryProcess.CONFLUENT_API_PATH, REGISTRY_USER, registryPassword));
        return config;
    }

    /**
     * {@code produce} of the corpus to the run's raw topic as {@code user}, through the registry proxy with
     * {@code registryPassword}; its client settings in a properties file.
     */
    private static List<String> produceArguments(PipelineTopics topics, String user, String registryPassword)
            throws IOException {
        Properties properties = new Properties();
        properties.putAll(clientConfig(user, registryPassword));
        Path file = ItDirectories.fresh("secured-clients/" + topics.prefix() + "-" + user)
                .resolve("client.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "the client settings of " + user);
        }
        List<String> arguments = new ArrayList<>(new StackEndpoints(
                        cluster.bootstrapServers(), proxy.url(SchemaRegistryProcess.CONFLUENT_API_PATH))
                .produceArguments(topics.raw(), Corpus.YEAR, Corpus.path().toString()));
        arguments.addAll(0, List.of("--producer-config", file.toString()));
        return arguments;
    }
}
