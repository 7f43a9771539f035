package io.paperstream.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendScorerTest {

    private static final TrendParameters PARAMETERS = new TrendParameters(0.2, 3, 3.0, 3, 5);
    private final TrendScorer scorer = new TrendScorer(PARAMETERS);

    /** The baselines carried from window to window, as the streams processor stores them. */
    private final Map<String, Baseline> store = new HashMap<>();

    private ScoredWindow close(long window, Map<String, Long> counts) {
        ScoredWindow scored = scorer.scoreWindow(window, 0, counts, store);
        store.putAll(scored.baselines());
        return scored;
    }

    @Test
    void firstWindowsReportNothingBecauseThereIsNoBaselineYet() {
        ScoredWindow first = close(0, Map.of("nlp", 40L, "vision", 3L));
        ScoredWindow second = close(1, Map.of("nlp", 40L, "robotics-rl", 90L));
        ScoredWindow third = close(2, Map.of("robotics-rl", 90L, "code", 50L));

        assertThat(first.trends()).isEmpty();
        assertThat(second.trends()).isEmpty();
        assertThat(third.trends()).isEmpty();
        assertThat(first.baselines()).containsOnlyKeys("nlp", "vision");
        // and yet the baselines learned: window 3 expects what windows 0..2 counted
        assertThat(scorer.expected(scorer.carriedTo(store.get("nlp"), 3), 3)).isGreaterThan(0);
    }

    @Test
    void steadyCountsAreExpectedExactlyFromTheFirstWindowsOnThanksToBiasCorrection() {
        for (long w = 0; w < 4; w++) {
            close(w, Map.of("nlp", 20L));
        }
        Baseline before = scorer.carriedTo(store.get("nlp"), 4);

        assertThat(scorer.expected(before, 4)).isCloseTo(20.0, within(1e-9));
        assertThat(scorer.variance(before, 4)).isCloseTo(0.0, within(1e-9));
        assertThat(close(4, Map.of("nlp", 20L)).trends()).isEmpty();
    }

    @Test
    void keyRisingAgainstItsOwnBaselineIsReportedWithTheDocumentedScore() {
        for (long w = 0; w < 6; w++) {
            close(w, Map.of("nlp", 10L, "vision", w % 2 == 0 ? 1L : 3L));
        }
        Baseline visionBefore = scorer.carriedTo(store.get("vision"), 6);
        double expected = scorer.expected(visionBefore, 6);
        double variance = scorer.variance(visionBefore, 6);

        ScoredWindow burst = close(6, Map.of("nlp", 10L, "vision", 12L));

        assertThat(burst.trends()).singleElement().satisfies(vision -> {
            assertThat(vision.key()).isEqualTo("vision");
            assertThat(vision.rank()).isEqualTo(1);
            assertThat(vision.count()).isEqualTo(12);
            assertThat(vision.baselineWindows()).isEqualTo(6);
            assertThat(vision.baseline()).isCloseTo(expected, within(1e-12)).isBetween(1.0, 3.0);
            assertThat(vision.score())
                    .isCloseTo((12 - expected) / Math.sqrt(Math.max(variance, expected) + 1), within(1e-12));
        });
        // the weighted mean and variance of 1, 3, 1, 3, 1, 3 with weights 0.8^5 .. 0.8^0
        double sumW = 0;
        double sumX = 0;
        double sumX2 = 0;
        for (int w = 0; w < 6; w++) {
            double weight = Math.pow(0.8, 5 - w);
            double x = w % 2 == 0 ? 1 : 3;
            sumW += weight;
            sumX += weight * x;
            sumX2 += weight * x * x;
        }
        assertThat(expected).isCloseTo(sumX / sumW, within(1e-12));
        assertThat(variance).isCloseTo(sumX2 / sumW - (sumX / sumW) * (sumX / sumW), within(1e-12));
    }

    @Test
    void windowsWithoutTheKeyCountAsZerosExactlyAsIfEachHadBeenFoldedIn() {
        close(0, Map.of("nlp", 10L));
        close(1, Map.of("nlp", 14L));
        // windows 2..5 have no nlp paper: the key is absent from their counts
        for (long w = 2; w <= 5; w++) {
            close(w, Map.of("vision", 1L));
        }

        Baseline lazy = scorer.carriedTo(store.get("nlp"), 6);

        Baseline eager = scorer.carriedTo(null, 0);
        eager = scorer.fold(eager, 10, 0);
        eager = scorer.fold(eager, 14, 1);
        for (long w = 2; w <= 5; w++) {
            eager = scorer.fold(eager, 0, w);
        }
        assertThat(lazy.weightedCount()).isCloseTo(eager.weightedCount(), within(1e-12));
        assertThat(lazy.weightedSquare()).isCloseTo(eager.weightedSquare(), within(1e-12));
        assertThat(lazy.lastWindow()).isEqualTo(5);
        assertThat(scorer.expected(lazy, 6)).isLessThan(scorer.expected(store.get("nlp"), 2));
    }

    @Test
    void keyNeverSeenBeforeHasAZeroBaselineThatSpansAllEarlierWindows() {
        for (long w = 0; w < 10; w++) {
            close(w, Map.of("nlp", 5L));
        }

        ScoredWindow window = close(10, Map.of("mixture of experts", 6L, "nlp", 5L));

        assertThat(window.trends()).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("mixture of experts");
            assertThat(t.baseline()).isZero();
            assertThat(t.baselineWindows()).isEqualTo(10);
            assertThat(t.score()).isCloseTo(6.0, within(1e-9));
        });
    }

    @Test
    void minimumSupportKeepsSmallCountsOutWhateverTheirScore() {
        for (long w = 0; w < 5; w++) {
            close(w, Map.of("nlp", 5L));
        }
        TrendScorer lowBar = new TrendScorer(new TrendParameters(0.2, 3, 1.0, 3, 5));

        ScoredWindow scored = lowBar.scoreWindow(5, 0, Map.of("speech-audio", 2L), store);

        assertThat(TrendScorer.score(2, 0.0, 0.0)).isGreaterThan(1.0);
        assertThat(scored.trends()).isEmpty();
        assertThat(scored.baselines()).containsKey("speech-audio");
    }

    @Test
    void poissonNoiseAroundASteadyLevelIsNotReported() {
        long[] nlp = {18, 22, 20, 25, 17, 21, 19, 23, 16, 20, 24, 18, 21, 19, 22, 17, 20, 23, 19, 21};
        long[] vision = {3, 1, 4, 2, 2, 5, 1, 3, 2, 4, 0, 3, 2, 1, 4, 3, 2, 5, 2, 3};
        for (int w = 0; w < nlp.length; w++) {
            Map<String, Long> counts = new HashMap<>(Map.of("nlp", nlp[w]));
            if (vision[w] > 0) {
                counts.put("vision", vision[w]);
            }
            assertThat(close(w, counts).trends()).as("window %d", w).isEmpty();
        }
    }

    @Test
    void reportedRisersAreRankedByScoreThenCountThenKeyAndCutToTopN() {
        for (long w = 0; w < 4; w++) {
            close(w, Map.of("a", 1L));
        }
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            counts.put("k" + i, 5L + i);
        }
        counts.put("tie-b", 9L);
        counts.put("tie-a", 9L);

        List<TrendScore> trends = close(4, counts).trends();

        assertThat(trends).hasSize(5);
        assertThat(trends).extracting(TrendScore::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(trends).extracting(TrendScore::key).containsExactly("k7", "k6", "k5", "k4", "tie-a");
        assertThat(trends).isSortedAccordingTo((x, y) -> Double.compare(y.score(), x.score()));
    }

    @Test
    void baselineThatDecayedToNothingCanBeForgotten() {
        close(0, Map.of("rare phrase", 1L));

        assertThat(scorer.forgettable(store.get("rare phrase"), 1)).isFalse();
        assertThat(scorer.forgettable(store.get("rare phrase"), 60)).isTrue();
    }

    @Test
    void windowAlreadyInTheBaselineIsRejected() {
        close(0, Map.of("nlp", 1L));
        close(1, Map.of("nlp", 1L));

        assertThatThrownBy(() -> scorer.carriedTo(store.get("nlp"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scorer.scoreWindow(0, 1, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> new TrendParameters(0.0, 3, 3.0, 3, 5)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new TrendParameters(0.2, 0, 3.0, 3, 5)).hasMessageContaining("minCount");
        assertThatThrownBy(() -> new TrendParameters(0.2, 3, 3.0, 3, 0)).hasMessageContaining("topN");
    }
}
