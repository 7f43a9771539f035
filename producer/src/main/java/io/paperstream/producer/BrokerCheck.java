package io.paperstream.producer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks, before anything is sent, that the Kafka cluster answers within a bounded time and
 * that the topic exists (or will be created on first use), so that a missing broker costs
 * the user one clear sentence instead of a minute of retries and a stack trace.
 */
final class BrokerCheck {

    private static final String STACK_HINT = "(is the stack running? ./paperstream stack start)";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private BrokerCheck() {}

    /**
     * The problem, as one sentence, or empty when the broker answers and the topic can be written.
     *
     * @param producerConfig the producer configuration; its client properties (security and the
     *     like) are used for the check
     * @param topic the topic to be written
     * @param timeout how long to wait for the broker
     */
    static Optional<String> problem(Map<String, Object> producerConfig, String topic, Duration timeout) {
        String servers = String.valueOf(producerConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> adminConfig = new HashMap<>();
        producerConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "paperstream-produce-check");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        Admin admin;
        try {
            admin = Admin.create(adminConfig);
        } catch (KafkaException e) {
            return Optional.of("Kafka broker at " + servers + " cannot be used: " + rootMessage(e));
        }
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .nodes()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS);
            return topicProblem(admin, topic, servers, nodes, millis);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException) {
                return Optional.of("Kafka broker at " + servers + " refused authentication: "
                        + e.getCause().getMessage());
            }
            return Optional.of(unreachable(servers));
        } catch (TimeoutException e) {
            return Optional.of(unreachable(servers));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the Kafka broker at " + servers);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    private static String notAuthorized(String topic, String servers, String operation) {
        return "Kafka broker at " + servers + " does not allow this principal to " + operation + " topic '" + topic
                + "': it needs the ACLs Write and Describe on that topic (see the README's ACL table)";
    }

    private static Optional<String> topicProblem(
            Admin admin, String topic, String servers, Collection<Node> nodes, int millis)
            throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(
                            List.of(topic),
                            new DescribeTopicsOptions().timeoutMs(millis).includeAuthorizedOperations(true))
                    .allTopicNames()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS)
                    .get(topic);
            // null: the broker does not say (no authorizer)
            Set<AclOperation> allowed = description.authorizedOperations();
            if (allowed != null && !allowed.contains(AclOperation.WRITE) && !allowed.contains(AclOperation.ALL)) {
                return Optional.of(notAuthorized(topic, servers, "Write"));
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return Optional.of(notAuthorized(topic, servers, "Describe"));
            }
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || createsTopics(admin, nodes, millis)) {
                return Optional.empty();
            }
            return Optional.of("Topic '" + topic + "' does not exist on the Kafka broker at " + servers
                    + " and the broker does not create topics on first use (./paperstream stack start creates it)");
        }
    }

    /** Whether the broker has auto.create.topics.enable; true when that cannot be told. */
    private static boolean createsTopics(Admin admin, Collection<Node> nodes, int millis)
            throws InterruptedException, TimeoutException {
        if (nodes.isEmpty()) {
            return true;
        }
        ConfigResource broker = new ConfigResource(
                ConfigResource.Type.BROKER, nodes.iterator().next().idString());
        try {
            Config config = admin.describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(millis))
                    .all()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS)
                    .get(broker);
            ConfigEntry entry = config == null ? null : config.get("auto.create.topics.enable");
            return entry == null || Boolean.parseBoolean(entry.value());
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** The sentence for a broker that does not answer. */
    static String unreachable(String servers) {
        return "Kafka broker at " + servers + " is not reachable " + STACK_HINT;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
