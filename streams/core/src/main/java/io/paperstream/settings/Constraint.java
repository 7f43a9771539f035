package io.paperstream.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a setting's value must satisfy beyond its type, with the words that say so: the test and
 * its text are one object, so the check and the help text (and the error message) cannot drift apart.
 *
 * @param test true for a valid value
 * @param text what a valid value is, completing "must be ..." ({@code at least 1}, {@code positive})
 * @param <T> the type of the value
 */
public record Constraint<T>(Predicate<T> test, String text) {

    public Constraint {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(text, "text");
    }

    /** A duration of zero or more. */
    public static Constraint<Duration> notNegative() {
        return new Constraint<>(d -> !d.isNegative(), "not negative");
    }

    /** A duration of more than zero. */
    public static Constraint<Duration> positive() {
        return new Constraint<>(d -> d.compareTo(Duration.ZERO) > 0, "positive");
    }

    /** A number of at least {@code min}. */
    public static <N extends Number & Comparable<N>> Constraint<N> atLeast(N min) {
        return new Constraint<>(n -> n.compareTo(min) >= 0, "at least " + min);
    }

    /** One of the given values. */
    public static Constraint<String> oneOf(Set<String> allowed) {
        return new Constraint<>(
                allowed::contains,
                "one of " + String.join(", ", allowed.stream().sorted().toList()));
    }

    /** Text that {@code pattern} matches entirely; {@code text} says what that is in words. */
    public static Constraint<String> matching(Pattern pattern, String text) {
        return new Constraint<>(s -> pattern.matcher(s).matches(), text);
    }

    /** True when {@code value} satisfies the constraint. */
    public boolean accepts(T value) {
        return test.test(value);
    }
}
