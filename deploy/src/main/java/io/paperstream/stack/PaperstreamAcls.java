package io.paperstream.stack;

import io.paperstream.streams.GroupProtocol;
import io.paperstream.streams.KafkaTopics;
import io.paperstream.streams.StreamsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The principals of paperstream on a secured cluster and exactly the ACLs each needs (the README's table, and
 * deploy/k8s/users.yaml): the streams application reads its inputs (papers and engagement), writes its outputs, owns
 * its internal topics, its group and its transactional ids; the producer writes the inputs.
 */
public final class PaperstreamAcls {

    private static final long TIMEOUT_SECONDS = 30;
    private static final int SCRAM_ITERATIONS = 8192;

    private PaperstreamAcls() {}

    /** The ACLs of the streams application's {@code principal} (such as {@code User:paperstream-streams}). */
    public static List<AclBinding> streams(String principal, StreamsSettings settings) {
        String applicationId = settings.get(StreamsSettings.APPLICATION_ID);
        List<String> inputs = List.of(KafkaTopics.RAW_PAPERS.name(settings), KafkaTopics.ENGAGEMENT.name(settings));
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : settings.topics()) {
            AclOperation operation = inputs.contains(topic) ? AclOperation.READ : AclOperation.WRITE;
            acls.addAll(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
        }
        acls.addAll(allow(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL));
        acls.addAll(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
        if (settings.get(StreamsSettings.GROUP_PROTOCOL).equals("streams")
                && !GroupProtocol.groupConfigs(settings).isEmpty()) {
            // the settings the brokers keep as a streams group's configs are set on the group as the application starts
            acls.add(new AclBinding(
                    new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.LITERAL),
                    new AccessControlEntry(principal, "*", AclOperation.ALTER_CONFIGS, AclPermissionType.ALLOW)));
        }
        acls.addAll(allow(
                principal,
                ResourceType.TRANSACTIONAL_ID,
                applicationId + "-",
                PatternType.PREFIXED,
                AclOperation.WRITE));
        return acls;
    }

    /** The ACLs of the producer's {@code principal}: write {@code topics} (papers.raw, and papers.engagement). */
    public static List<AclBinding> producer(String principal, String... topics) {
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : topics) {
            acls.addAll(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
        }
        return acls;
    }

    /** Creates (or replaces) the SCRAM-SHA-512 credential of {@code user}. */
    public static void createUser(Admin admin, String user, String password) {
        await(
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                user,
                                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                                password)))
                        .all(),
                "creating the user " + user);
    }

    /** Creates {@code acls}. */
    public static void grant(Admin admin, List<AclBinding> acls) {
        await(admin.createAcls(acls).all(), "creating " + acls.size() + " ACLs");
    }

    /**
     * {@code operation} on the resource, and Describe with it (what every client needs to find the resource), unless
     * {@code operation} is ALL.
     */
    private static List<AclBinding> allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        ResourcePattern resource = new ResourcePattern(type, name, pattern);
        List<AclBinding> acls = new ArrayList<>();
        acls.add(new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        if (operation != AclOperation.ALL) {
            acls.add(new AclBinding(
                    resource, new AccessControlEntry(principal, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW)));
        }
        return acls;
    }

    private static void await(org.apache.kafka.common.KafkaFuture<Void> future, String what) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while " + what, e);
        }
    }
}
