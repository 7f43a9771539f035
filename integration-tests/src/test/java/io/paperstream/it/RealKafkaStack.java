package io.paperstream.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the real Kafka broker and the real schema registry (Apicurio, Confluent API) that
 * the whole test run shares: started once on free loopback ports by {@link LocalStackExtension}, stopped at
 * the end of the run. Test methods, constructors and lifecycle methods receive {@link StackEndpoints} (and
 * {@link io.paperstream.stack.LocalStack} with the default local broker) as parameters.
 *
 * <p>Because the stack is shared, every test writes to topics and subjects of its own
 * ({@link TestTopics#unique(String)}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface RealKafkaStack {}
