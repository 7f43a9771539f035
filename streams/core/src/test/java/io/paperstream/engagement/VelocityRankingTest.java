package io.paperstream.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VelocityRankingTest {

    @Test
    void highestScoreFirstTiesByIdWithoutThePapersThatGainedNothingCutToN() {
        Map<String, Velocity> velocities = Map.of(
                "c", new Velocity(12.5, 10, 3),
                "a", new Velocity(40, 30, 10),
                "b", new Velocity(12.5, 12, 1),
                "d", Velocity.NONE,
                "e", new Velocity(1, 1, 0));

        assertThat(VelocityRanking.top(velocities, 3))
                .extracting(VelocityRanking.Ranked::rank, VelocityRanking.Ranked::paperId)
                .containsExactly(tuple(1, "a"), tuple(2, "b"), tuple(3, "c"));
        assertThat(VelocityRanking.top(velocities, 10))
                .extracting(VelocityRanking.Ranked::paperId)
                .containsExactly("a", "b", "c", "e");
    }
}
