package io.paperstream.it;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a property of the fuzz tests over seeded inputs: input {@code i} of a property is made by its
 * {@link Generator} from a random source seeded by the base seed, the property's name and {@code i} alone, so a
 * failing input is made again by the same base seed whatever the number of inputs. A failure names the property, the
 * base seed, the input's index and the input (its bytes escaped), and the smallest failing first part of its bytes
 * that halving finds. The outcome labels the property returns are tallied, for the test's coverage checks.
 *
 * <p>{@code -Dpaperstream.fuzz.seed=N} sets the base seed (decimal or {@code 0x} hex; default
 * {@value #DEFAULT_SEED}); {@code -Dpaperstream.fuzz.inputs=N} the inputs of a whole fuzz run, shared among the
 * properties in the proportions of their default counts, which add up to {@value #DEFAULT_RUN_INPUTS}.
 */
final class FuzzRun {

    static final String SEED_PROPERTY = "paperstream.fuzz.seed";
    static final String INPUTS_PROPERTY = "paperstream.fuzz.inputs";
    static final long DEFAULT_SEED = 20_250_314L;
    /**
     * The default inputs of all fuzz properties together: ReaderFuzzIT's 30,000 + 25,000 + 25,000 and
     * DeserializerFuzzIT's 30,000.
     */
    static final int DEFAULT_RUN_INPUTS = 110_000;
    /**
     * Average time an input may take before the run gives up, so that the loop is bounded in time as well as in
     * count: about 25 times the slowest average measured (2 ms a trending-page input on 2 heavily loaded cores).
     */
    private static final Duration TIME_PER_INPUT = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger(FuzzRun.class);

    /** What a fuzz test checks of one input. */
    @FunctionalInterface
    interface Property<T> {

        /** Checks the input, throwing on a violation; returns a label of the outcome, for the statistics. */
        String check(T input) throws Exception;
    }

    /** How many inputs ended with each outcome label. */
    record Outcomes(Map<String, Integer> counts) {

        int inputs() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The percentage of inputs whose outcome label matches. */
        double percentage(Predicate<String> label) {
            int matching = counts.entrySet().stream()
                    .filter(entry -> label.test(entry.getKey()))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
            return 100.0 * matching / inputs();
        }

        @Override
        public String toString() {
            return counts.entrySet().stream()
                    .map(entry -> String.format("%s %.1f%%", entry.getKey(), 100.0 * entry.getValue() / inputs()))
                    .collect(Collectors.joining(", "));
        }
    }

    private FuzzRun() {}

    /** The inputs a property runs: its default count, or its share of {@code -Dpaperstream.fuzz.inputs}. */
    static int inputs(int defaultInputs) {
        String inputs = System.getProperty(INPUTS_PROPERTY);
        if (inputs == null || inputs.isBlank()) {
            return defaultInputs;
        }
        long runInputs;
        try {
            runInputs = Long.parseLong(inputs.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INPUTS_PROPERTY + "=" + inputs + " is not a number of inputs", e);
        }
        if (runInputs <= 0) {
            throw new IllegalArgumentException(INPUTS_PROPERTY + "=" + inputs + " is not a positive number of inputs");
        }
        return (int) Math.max(
                1, Math.min(Integer.MAX_VALUE, Math.round((double) runInputs * defaultInputs / DEFAULT_RUN_INPUTS)));
    }

    /**
     * Checks {@code property} on {@link #inputs(int)} inputs of {@code generator}; fails on the first input it throws
     * on, after halving that input ({@code firstHalf}: the input with the first half of its bytes, empty when none
     * are left) while it still throws the same kind of exception.
     */
    static <T> Outcomes check(
            String name,
            int defaultInputs,
            Generator<T> generator,
            Property<T> property,
            Function<T, Optional<T>> firstHalf) {
        long seed = seed();
        int count = inputs(defaultInputs);
        Duration limit = TIME_PER_INPUT.multipliedBy(count);
        long started = System.nanoTime();
        Map<String, Integer> counts = new TreeMap<>();
        for (int index = 0; index < count; index++) {
            T input = generator.apply(random(seed, name, index));
            String outcome;
            try {
                outcome = property.check(input);
            } catch (Exception | Error failure) {
                throw failed(name, seed, index, input, failure, property, firstHalf);
            }
            counts.merge(outcome, 1, Integer::sum);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (elapsed.compareTo(limit) > 0) {
                throw new AssertionError(String.format(
                        "%s: %d of %d inputs took %d s, over the limit of %d s " + "(base seed %d)",
                        name, index + 1, count, elapsed.toSeconds(), limit.toSeconds(), seed));
            }
        }
        Outcomes outcomes = new Outcomes(Collections.unmodifiableMap(counts));
        LOG.info(
                "{}: {} inputs in {} ms, base seed {}: {}",
                name,
                count,
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                seed,
                outcomes);
        return outcomes;
    }

    private static long seed() {
        String seed = System.getProperty(SEED_PROPERTY);
        if (seed == null || seed.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.decode(seed.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + "=" + seed + " is not a seed (a long)", e);
        }
    }

    /** The random source of input {@code index}: depends on nothing else, so any input can be made again alone. */
    private static SplittableRandom random(long seed, String name, int index) {
        return new SplittableRandom(mix(mix(seed ^ name.hashCode()) + index));
    }

    /** A 64-bit finalizer (Stafford's variant 13, as SplittableRandom uses): close seeds give unrelated streams. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static <T> AssertionError failed(
            String name,
            long seed,
            int index,
            T input,
            Throwable failure,
            Property<T> property,
            Function<T, Optional<T>> firstHalf) {
        StringBuilder report = new StringBuilder(String.format(
                "%s failed on input #%d (base seed %d; -D%s=%d makes the same input #%d again): %s%n  input: %s",
                name, index, seed, SEED_PROPERTY, seed, index, failure, input));
        T smallest = input;
        Throwable smallestFailure = failure;
        for (Optional<T> half = firstHalf.apply(smallest); half.isPresent(); half = firstHalf.apply(smallest)) {
            Optional<Throwable> halfFailure = failureOf(property, half.get());
            if (halfFailure.isEmpty() || halfFailure.get().getClass() != failure.getClass()) {
                break;
            }
            smallest = half.get();
            smallestFailure = halfFailure.get();
        }
        if (smallest != input) {
            report.append(String.format(
                    "%n  smallest first part that still fails: %s%n  with: %s", smallest, smallestFailure));
        }
        AssertionError error = new AssertionError(report.toString(), failure);
        if (smallestFailure != failure) {
            error.addSuppressed(smallestFailure);
        }
        return error;
    }

    private static <T> Optional<Throwable> failureOf(Property<T> property, T input) {
        try {
            property.check(input);
            return Optional.empty();
        } catch (Exception | Error failure) {
            return Optional.of(failure);
        }
    }
}
