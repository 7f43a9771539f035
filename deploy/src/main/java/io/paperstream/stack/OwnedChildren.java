package io.paperstream.stack;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child JVMs this JVM started and has not stopped or released: tests must not leak brokers, so whatever is
 * still here when this JVM exits is stopped by a shutdown hook. The hook is registered with the first child, so
 * that a JVM that starts none (such as {@code stack stop}) registers none.
 */
final class OwnedChildren {

    private final Set<ChildJvm> children = ConcurrentHashMap.newKeySet();
    private final Duration exitGrace;
    private boolean hookRegistered;

    /** @param exitGrace how long each child has for a graceful stop when this JVM exits */
    OwnedChildren(Duration exitGrace) {
        this.exitGrace = exitGrace;
    }

    /** Takes {@code child} into ownership: it is stopped when this JVM exits unless removed first. */
    void add(ChildJvm child) {
        registerHookOnce();
        children.add(child);
    }

    /** Gives up ownership of {@code child}: stopped already, or to keep running after this JVM exits. */
    void remove(ChildJvm child) {
        children.remove(child);
    }

    private synchronized void registerHookOnce() {
        if (!hookRegistered) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> ChildJvm.stopAll(List.copyOf(children), exitGrace), "paperstream-child-reaper"));
            hookRegistered = true;
        }
    }
}
