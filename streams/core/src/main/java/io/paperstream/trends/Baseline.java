package io.paperstream.trends;

/**
 * The stored history of one topic or keyphrase: exponentially weighted averages of its counts
 * and squared counts over the windows since history started, and the last window folded in.
 *
 * <p>The averages start from zero at the first window, so they are biased towards zero while
 * history is short; {@link TrendScorer} corrects for that when it reads them (see there). A key
 * with nothing stored counted zero in every window so far.
 *
 * @param weightedCount exponentially weighted average of the counts (not bias-corrected)
 * @param weightedSquare exponentially weighted average of the squared counts (not bias-corrected)
 * @param lastWindow index of the last window folded in
 */
public record Baseline(double weightedCount, double weightedSquare, long lastWindow) {

    public Baseline {
        if (!(weightedCount >= 0.0) || !(weightedSquare >= 0.0)) {
            throw new IllegalArgumentException(
                    "weighted averages must be non-negative numbers, got " + weightedCount + ", " + weightedSquare);
        }
    }
}
