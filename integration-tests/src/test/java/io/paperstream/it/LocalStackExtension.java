package io.paperstream.it;

import io.paperstream.stack.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link SharedStack} once per test run, the first time a {@link RealKafkaStack} class needs it,
 * and keeps it in the root context's store, which stops it when the run ends (JUnit closes the
 * {@link AutoCloseable} values of a store). Its data lives in {@code target/it-data/stack}. Resolves
 * {@link StackEndpoints} and, with the local broker, {@link LocalStack} parameters.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        sharedStack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackEndpoints.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedStack stack = sharedStack(context);
        if (parameter.getParameter().getType() == StackEndpoints.class) {
            return stack.endpoints();
        }
        return stack.localStack()
                .orElseThrow(() -> new ParameterResolutionException("a LocalStack parameter "
                        + "needs the local broker, but -D" + SharedStack.BROKER_PROPERTY + " chose another; ask for "
                        + "StackEndpoints instead"));
    }

    private static SharedStack sharedStack(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        SharedStack.class, key -> SharedStack.start(ItDirectories.fresh("stack")), SharedStack.class);
    }
}
