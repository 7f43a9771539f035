package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the tries each property of a fuzz class really ran through its assertions, so that the number of inputs
 * checked is proven by the test itself rather than taken from the engine's report.
 */
final class TryCounter {

    private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

    /** One more try of {@code property}. */
    void count(String property) {
        tries.computeIfAbsent(property, name -> new AtomicInteger()).incrementAndGet();
    }

    /** Fails unless every property in {@code expected} that ran at all ran at least its expected number of tries. */
    void assertRan(Map<String, Integer> expected) {
        tries.forEach((property, count) -> assertThat(count.get()).as("tries of %s", property)
                .isGreaterThanOrEqualTo(expected.getOrDefault(property, 0)));
    }
}
