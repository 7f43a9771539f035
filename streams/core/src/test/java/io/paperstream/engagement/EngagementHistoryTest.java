package io.paperstream.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngagementHistoryTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final VelocityParameters DAY_HALF_6H =
            new VelocityParameters(Duration.ofDays(1), Duration.ofHours(6));

    private record Observation(long at, Long upvotes, Long stars) {}

    private static EngagementHistory history(List<Observation> observations) {
        EngagementHistory history = new EngagementHistory();
        observations.forEach(o -> history.add(o.at(), o.upvotes(), o.stars()));
        return history;
    }

    @Test
    void theFirstObservationIsTheBaselineAndLaterRisesAreTheGains() {
        EngagementHistory history = history(List.of(
                new Observation(0, 500L, 2000L),
                new Observation(HOUR, 510L, 2004L),
                new Observation(2 * HOUR, 530L, 2004L)));

        Velocity velocity = history.velocity(2 * HOUR, DAY_HALF_6H);

        // 500 upvotes and 2000 stars before the paper was first seen are no velocity
        assertThat(velocity.upvotesGain()).isEqualTo(30);
        assertThat(velocity.starsGain()).isEqualTo(4);
        // 14 gained an hour ago count 2^(-1/6) each, 20 gained now count fully
        assertThat(velocity.score()).isCloseTo(14 * Math.pow(2, -1.0 / 6) + 20, within(1e-9));
    }

    @Test
    void aGainLosesHalfItsWeightEveryHalfLifeAndNothingBeyondTheHorizon() {
        EngagementHistory history = history(List.of(new Observation(0, 0L, null), new Observation(HOUR, 100L, null)));

        assertThat(history.velocity(HOUR, DAY_HALF_6H).score()).isCloseTo(100, within(1e-9));
        assertThat(history.velocity(7 * HOUR, DAY_HALF_6H).score()).isCloseTo(50, within(1e-9));
        assertThat(history.velocity(19 * HOUR, DAY_HALF_6H).score()).isCloseTo(12.5, within(1e-9));
        assertThat(history.velocity(25 * HOUR - 1, DAY_HALF_6H).upvotesGain()).isEqualTo(100);
        assertThat(history.velocity(25 * HOUR, DAY_HALF_6H)).isEqualTo(Velocity.NONE);
    }

    @Test
    void aRepeatedObservationChangesNothing() {
        EngagementHistory history = history(List.of(new Observation(0, 3L, 1L), new Observation(HOUR, 9L, 4L)));
        Velocity before = history.velocity(2 * HOUR, DAY_HALF_6H);

        assertThat(history.add(HOUR, 9L, 4L)).isFalse();
        assertThat(history.add(0, 3L, 1L)).isFalse();
        assertThat(history.add(0, 3L, null)).isFalse();

        assertThat(history.velocity(2 * HOUR, DAY_HALF_6H)).isEqualTo(before);
        assertThat(history.add(2 * HOUR, 9L, 4L))
                .as("the same totals at a new time are an observation")
                .isTrue();
    }

    @Test
    void aLowerTotalCorrectsTheEarlierOnesAndIsNoNegativeEngagement() {
        // 10, then 50 (overstated), then 30: the source corrected itself; the paper gained 20, never lost 20
        EngagementHistory history = history(List.of(
                new Observation(0, 10L, null), new Observation(HOUR, 50L, null), new Observation(2 * HOUR, 30L, null)));

        Velocity velocity = history.velocity(2 * HOUR, DAY_HALF_6H);

        assertThat(velocity.upvotesGain()).isEqualTo(20);
        assertThat(velocity.score())
                .isCloseTo(20 * Math.pow(2, -1.0 / 6), within(1e-9))
                .isPositive();
        // a correction below the baseline leaves no gain at all, and no negative score
        EngagementHistory dropped = history(List.of(new Observation(0, 10L, 5L), new Observation(HOUR, 4L, 5L)));
        assertThat(dropped.velocity(HOUR, DAY_HALF_6H)).isEqualTo(Velocity.NONE);
    }

    @Test
    void theSameObservationsInAnyOrderGiveTheSameVelocity() {
        List<Observation> observations = new ArrayList<>();
        Random random = new Random(42);
        long upvotes = 0;
        long stars = 0;
        for (int i = 0; i < 40; i++) {
            upvotes += random.nextInt(20);
            stars += random.nextInt(5);
            // every fifth observation overstates the upvotes, to be corrected by the next
            long reported = i % 5 == 4 ? upvotes + 30 : upvotes;
            observations.add(new Observation(i * HOUR, reported, random.nextInt(4) == 0 ? null : stars));
        }
        Velocity inOrder = history(observations).velocity(40 * HOUR, DAY_HALF_6H);

        for (long seed = 1; seed <= 20; seed++) {
            List<Observation> shuffled = new ArrayList<>(observations);
            Collections.shuffle(shuffled, new Random(seed));
            // and some of them twice
            shuffled.addAll(shuffled.subList(0, 10));
            assertThat(history(shuffled).velocity(40 * HOUR, DAY_HALF_6H)).isEqualTo(inOrder);
        }
        assertThat(inOrder.upvotesGain()).isPositive();
    }

    @Test
    void forgettingWhatIsBeyondTheHorizonKeepsTheVelocityFromNowOn() {
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i <= 48; i++) {
            observations.add(new Observation(i * HOUR, (long) i * i, (long) 3 * i));
        }
        EngagementHistory kept = history(observations);
        EngagementHistory pruned = history(observations);

        pruned.forgetBefore(48 * HOUR, DAY_HALF_6H);

        assertThat(pruned.upvotes()).hasSize(25).containsKey(24 * HOUR);
        for (long now = 48 * HOUR; now <= 80 * HOUR; now += HOUR) {
            assertThat(pruned.velocity(now, DAY_HALF_6H)).isEqualTo(kept.velocity(now, DAY_HALF_6H));
        }
    }

    @Test
    void aNegativeTotalIsRefusedWithItsMetric() {
        assertThatThrownBy(() -> new EngagementHistory().add(0, -1L, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upvotes total must not be negative, got -1");
    }
}
