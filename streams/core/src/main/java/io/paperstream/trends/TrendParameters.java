package io.paperstream.trends;

/**
 * The knobs of {@link TrendScorer}; see the README section "Trend scoring".
 *
 * @param alpha weight of the newest window in the exponentially weighted baseline, in (0, 1]
 * @param minCount a key is reported only with at least this many papers in the window
 * @param minScore a key is reported only with at least this rise score
 * @param minBaselineWindows a key is reported only when its baseline spans at least this many earlier windows
 * @param topN at most this many keys are reported per window
 */
public record TrendParameters(double alpha, long minCount, double minScore, int minBaselineWindows, int topN) {

    public TrendParameters {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        if (Double.isNaN(minScore)) {
            throw new IllegalArgumentException("minScore must be a number");
        }
        if (minBaselineWindows < 0) {
            throw new IllegalArgumentException("minBaselineWindows must not be negative, got " + minBaselineWindows);
        }
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be at least 1, got " + topN);
        }
    }
}
