package io.paperstream.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real multi-node KRaft cluster of its own (every node a combined broker and controller,
 * a child JVM on free loopback ports), with the pipeline topics replicated as far as the cluster allows (3
 * replicas, min.insync.replicas 2 on three nodes): for tests that stop, kill and restart brokers. The cluster
 * starts before the class's first test and stops after its last; tests receive it as a
 * {@link io.paperstream.stack.KafkaCluster} parameter. Add {@link RealKafkaStack} for the schema registry.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface RealKafkaCluster {

    /** Number of nodes. */
    int nodes() default 3;
}
