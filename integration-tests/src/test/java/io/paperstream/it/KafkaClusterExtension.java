package io.paperstream.it;

import io.paperstream.stack.KafkaCluster;
import io.paperstream.stack.StackTopics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the {@link KafkaCluster} of a {@link RealKafkaCluster} class and keeps it in the class's store, which
 * stops it after the class (nested classes find it there too). Its data lives in
 * {@code target/it-data/cluster-<class>}. Resolves {@link KafkaCluster} parameters.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);
    private static final int MAX_REPLICATION = 3;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster(context);
    }

    private static KafkaCluster cluster(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        int nodes = AnnotationSupport.findAnnotation(testClass, RealKafkaCluster.class)
                .map(RealKafkaCluster::nodes)
                .orElse(MAX_REPLICATION);
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        KafkaCluster.class, key -> start(testClass.getSimpleName(), nodes), KafkaCluster.class);
    }

    private static KafkaCluster start(String name, int nodes) {
        KafkaCluster cluster = KafkaCluster.onFreePorts(ItDirectories.fresh("cluster-" + name), nodes)
                .start();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            StackTopics.createMissing(admin, StackTopics.DEFAULT_PARTITIONS, (short) Math.min(nodes, MAX_REPLICATION));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }
}
