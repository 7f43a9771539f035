package io.paperstream.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A generator of fuzz inputs: a function of a seeded random source, so that the same seed gives the same input on
 * every run ({@link FuzzRun}). The static methods are the few building blocks the fuzz tests combine: constants,
 * uniform choices and ranges, weighted choices, lists and byte arrays.
 *
 * @param <T> the values generated
 */
@FunctionalInterface
interface Generator<T> extends Function<SplittableRandom, T> {

    /** A generator and how often it is chosen relative to the others of a {@link #frequency} choice. */
    record Weighted<T>(int weight, Generator<? extends T> generator) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight " + weight + " is not positive");
            }
        }
    }

    /** This generator's values passed through {@code mapper}. */
    default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(apply(random));
    }

    /** Lists of {@code minSize} to {@code maxSize} (inclusive) values of this generator. */
    default Generator<List<T>> list(int minSize, int maxSize) {
        return random -> {
            int size = random.nextInt(minSize, maxSize + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(apply(random));
            }
            return values;
        };
    }

    /** Always {@code value} (which may be null). */
    static <T> Generator<T> constant(T value) {
        return random -> value;
    }

    /** One of {@code values}, each as likely. */
    static <T> Generator<T> oneOf(List<? extends T> values) {
        List<? extends T> choices = List.copyOf(values);
        return random -> choices.get(random.nextInt(choices.size()));
    }

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    static <T> Generator<T> oneOf(T... values) {
        return oneOf(Arrays.asList(values));
    }

    /** An int from {@code min} to {@code max}, both included. */
    static Generator<Integer> between(int min, int max) {
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /** Any int. */
    static Generator<Integer> anyInt() {
        return SplittableRandom::nextInt;
    }

    /** Any byte. */
    static Generator<Byte> anyByte() {
        return random -> (byte) random.nextInt();
    }

    /** Random bytes, {@code minLength} to {@code maxLength} (inclusive) of them. */
    static Generator<byte[]> bytes(int minLength, int maxLength) {
        return random -> {
            byte[] bytes = new byte[random.nextInt(minLength, maxLength + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
    }

    /**
     * Strings of up to {@code maxLength} chars, any char but noncharacters and private-use ones (lone surrogates
     * included: they reach the encoder's replacement path).
     */
    static Generator<String> strings(int maxLength) {
        return random -> {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(maxLength + 1);
            while (text.length() < length) {
                char c = (char) random.nextInt(Character.MAX_VALUE + 1);
                boolean privateUse = c >= '\uE000' && c <= '\uF8FF';
                boolean noncharacter = (c >= '\uFDD0' && c <= '\uFDEF') || c >= '\uFFFE';
                if (!privateUse && !noncharacter) {
                    text.append(c);
                }
            }
            return text.toString();
        };
    }

    /** The generator of one of {@code choices}, picked with the probability of its weight among them all. */
    @SafeVarargs
    static <T> Generator<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> weighted = List.of(choices);
        int total = weighted.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : weighted) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().apply(random);
                }
            }
            throw new IllegalStateException("a pick below the total weight " + total + " chooses a generator");
        };
    }

    /** {@code generator} with weight {@code weight}, for {@link #frequency}. */
    static <T> Weighted<T> weight(int weight, Generator<? extends T> generator) {
        return new Weighted<>(weight, generator);
    }
}
