package io.paperstream.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomDrawsTest {

    private static final int DRAWS = 20_000;

    @Test
    void poissonCountsHaveTheirMeanAsMeanAndVarianceForSmallAndLargeMeans() {
        for (double mean : new double[] {0.3, 3.5, 40, 250}) {
            Random random = new Random(42);
            double[] counts = IntStream.range(0, DRAWS)
                    .mapToDouble(i -> RandomDraws.poisson(random, mean))
                    .toArray();
            double average = java.util.Arrays.stream(counts).average().orElseThrow();
            double variance = java.util.Arrays.stream(counts)
                            .map(c -> (c - average) * (c - average))
                            .sum()
                    / (DRAWS - 1);

            // standard errors: sqrt(mean / n) for the average, about mean * sqrt(2 / n) for the variance
            assertThat(average).as("mean %s", mean).isCloseTo(mean, within(5 * Math.sqrt(mean / DRAWS)));
            assertThat(variance)
                    .as("variance at mean %s", mean)
                    .isCloseTo(mean, within(5 * mean * Math.sqrt(2.0 / DRAWS) + 0.01));
        }
    }

    @Test
    void aMeanOfZeroGivesZeroAndABadMeanIsRefused() {
        assertThat(RandomDraws.poisson(new Random(1), 0)).isZero();
        assertThatThrownBy(() -> RandomDraws.poisson(new Random(1), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandomDraws.poisson(new Random(1), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsOfOneSeedAreRepeatableAndDifferFromEachOther() {
        assertThat(RandomDraws.stream(7, 0).nextLong())
                .isEqualTo(RandomDraws.stream(7, 0).nextLong());
        assertThat(RandomDraws.stream(7, 0).nextLong())
                .isNotEqualTo(RandomDraws.stream(7, 1).nextLong());
        assertThat(RandomDraws.stream(7, 0).nextLong())
                .isNotEqualTo(RandomDraws.stream(8, 0).nextLong());
    }

    @Test
    void shuffleKeepsTheItemsAndDependsOnlyOnTheRandomSource() {
        List<Integer> first = new ArrayList<>(IntStream.range(0, 50).boxed().toList());
        List<Integer> second = new ArrayList<>(first);
        RandomDraws.shuffle(first, new Random(3));
        RandomDraws.shuffle(second, new Random(3));

        assertThat(first)
                .isEqualTo(second)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 50).boxed().toList())
                .isNotEqualTo(IntStream.range(0, 50).boxed().toList());
    }
}
