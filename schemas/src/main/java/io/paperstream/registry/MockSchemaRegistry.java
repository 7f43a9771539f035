package io.paperstream.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory registries behind {@code schema.registry.url=mock://<scope>}, one per scope and
 * shared by every serde and client configured with that scope in this JVM (as Confluent's
 * MockSchemaRegistry). Tests drop their scope when done so the next test starts empty.
 */
public final class MockSchemaRegistry {

    private static final ConcurrentMap<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {}

    /** The registry of a scope, created empty on first use. */
    public static InMemorySchemaRegistryClient getClientForScope(String scope) {
        return SCOPES.computeIfAbsent(scope, any -> new InMemorySchemaRegistryClient());
    }

    /** Forgets a scope: the next {@link #getClientForScope} call for it starts an empty registry. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }
}
