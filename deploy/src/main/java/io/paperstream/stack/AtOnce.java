package io.paperstream.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs a blocking action on several items at once, one thread each (starting or stopping JVMs mostly waits),
 * and rethrows the first failure after all have finished.
 */
final class AtOnce {

    private AtOnce() {}

    static <T> void forEach(Collection<T> items, Consumer<T> action) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (T item : items) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            action.accept(item);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "paperstream-stack-" + threads.size());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for the local stack", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
