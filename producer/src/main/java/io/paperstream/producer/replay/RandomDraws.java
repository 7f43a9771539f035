package io.paperstream.producer.replay;

import java.util.List;
import java.util.Random;

/**
 * The random draws of a replay, on {@link Random} (whose algorithm the Java specification fixes),
 * so that a seed gives the same replay on every JVM.
 */
final class RandomDraws {

    /** Poisson means above this are drawn as a sum of smaller ones, so e^-mean stays far from underflow. */
    private static final double MAX_DIRECT_MEAN = 64;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** An odd constant other than the golden gamma, so that items and purposes do not cancel out. */
    private static final long ITEM_GAMMA = 0x632BE59BD9B4E019L;

    private RandomDraws() {}

    /**
     * An independent stream for one purpose of a replay: stream {@code purpose} of {@code seed}
     * (SplitMix64 of the two), so that adding draws to one purpose never shifts another.
     */
    static Random stream(long seed, int purpose) {
        long z = seed + (purpose + 1L) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /**
     * An independent stream for one item (such as a paper id) of one purpose of a replay, so that an item's draws
     * do not depend on how many items came before it.
     */
    static Random stream(long seed, int purpose, String item) {
        return stream(seed + item.hashCode() * ITEM_GAMMA, purpose);
    }

    /**
     * A Poisson-distributed count with the given mean: Knuth's multiplication method, in parts
     * of at most {@value #MAX_DIRECT_MEAN} (a sum of independent Poisson counts is Poisson). The
     * cost grows with the mean, like the number of papers drawn.
     */
    static int poisson(Random random, double mean) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("a Poisson mean must be a finite number >= 0, got " + mean);
        }
        int count = 0;
        double left = mean;
        while (left > 0) {
            double part = Math.min(left, MAX_DIRECT_MEAN);
            left -= part;
            double limit = Math.exp(-part);
            double product = random.nextDouble();
            while (product > limit) {
                count++;
                product *= random.nextDouble();
            }
        }
        return count;
    }

    /** Shuffles in place (Fisher–Yates from the end, spelled out so it never depends on a library's choice). */
    static <T> void shuffle(List<T> items, Random random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }
}
