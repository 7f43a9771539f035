package io.paperstream.trends;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which topics or keyphrases rose in a closed window, each against its own baseline of
 * earlier windows.
 *
 * <p><b>Baseline.</b> For every key, exponentially weighted averages of its count {@code x} and
 * of {@code x²} over all earlier windows since history started (window {@code first}), zeros
 * included: {@code S ← (1 - alpha) S + alpha x}. They start at zero, so after {@code n} windows
 * they are divided by {@code 1 - (1 - alpha)^n} (bias correction): the expected count is
 * {@code m = S1 / (1 - (1 - alpha)^n)} and the variance {@code v = S2 / (1 - (1 - alpha)^n) - m²},
 * the weighted mean and variance of the {@code n} earlier windows.
 *
 * <p><b>Score.</b> A key counting {@code c} papers in the window scores
 * <pre>  score = (c - m) / sqrt(max(v, m) + 1)</pre>
 * a z-score against at least Poisson noise ({@code max(v, m)}: the Poisson variance {@code m},
 * more when the key is burstier than Poisson; {@code + 1} keeps a key with no history from
 * dividing by zero and damps tiny counts). It is reported when {@code c >= minCount},
 * {@code score >= minScore} and {@code n >= minBaselineWindows}; reported keys are ranked by
 * score, then count, then key, and cut to the top N.
 *
 * <p><b>Zeros.</b> Windows are numbered by start / advance. A key is stored only after a window
 * in which it counted; the zero windows in between are folded in when it next appears, in
 * closed form ({@code n} zero windows multiply both averages by {@code (1 - alpha)^n}), exactly
 * what {@code n} single zero updates would give. A key never stored has averages zero, but its
 * history still spans all {@code n} windows since {@code first}: a brand-new keyphrase appearing
 * in many papers at once is a riser.
 *
 * <p>Pure logic, no Kafka: the streams application keeps baselines in a state store and calls
 * {@link #scoreWindow} once per closed window.
 */
public final class TrendScorer {

    /** Averages that decayed below this are indistinguishable from no history. */
    static final double FORGET_BELOW = 1e-4;

    private static final Comparator<TrendScore> STRONGEST_FIRST = Comparator.comparingDouble(TrendScore::score)
            .reversed()
            .thenComparing(Comparator.comparingLong(TrendScore::count).reversed())
            .thenComparing(TrendScore::key);

    private final TrendParameters parameters;

    public TrendScorer(TrendParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Scores every key counted in one closed window and folds the counts into the baselines.
     *
     * @param window index of the closed window
     * @param firstWindow index of the first window ever scored: history starts there
     * @param counts papers per key in the window; keys absent here counted zero
     * @param stored the stored baselines of (at least) the keys of {@code counts}; a missing key has none
     * @return the reported risers and the new baselines of the counted keys
     */
    public ScoredWindow scoreWindow(
            long window, long firstWindow, Map<String, Long> counts, Map<String, Baseline> stored) {
        if (window < firstWindow) {
            throw new IllegalArgumentException("window " + window + " precedes the first window " + firstWindow);
        }
        int history = (int) Math.min(Integer.MAX_VALUE, window - firstWindow);
        List<TrendScore> candidates = new ArrayList<>();
        Map<String, Baseline> updated = new HashMap<>(counts.size() * 2);
        counts.forEach((key, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("negative count " + count + " for " + key);
            }
            Baseline before = carriedTo(stored.get(key), window);
            double mean = expected(before, history);
            double score = score(count, mean, variance(before, history));
            if (count >= parameters.minCount()
                    && score >= parameters.minScore()
                    && history >= parameters.minBaselineWindows()) {
                candidates.add(new TrendScore(key, count, mean, score, 0, history));
            }
            updated.put(key, fold(before, count, window));
        });
        candidates.sort(STRONGEST_FIRST);
        List<TrendScore> ranked = new ArrayList<>(Math.min(candidates.size(), parameters.topN()));
        for (TrendScore candidate : candidates) {
            if (ranked.size() == parameters.topN()) {
                break;
            }
            ranked.add(new TrendScore(
                    candidate.key(),
                    candidate.count(),
                    candidate.baseline(),
                    candidate.score(),
                    ranked.size() + 1,
                    candidate.baselineWindows()));
        }
        return new ScoredWindow(ranked, updated);
    }

    /** The rise score of {@code count} papers against an expected count and variance; see the class comment. */
    public static double score(long count, double expected, double variance) {
        return (count - expected) / Math.sqrt(Math.max(variance, expected) + 1.0);
    }

    /** The expected count (bias-corrected weighted mean) of a baseline spanning {@code history} windows; 0 without history. */
    public double expected(Baseline baseline, int history) {
        double correction = correction(history);
        return correction == 0.0 ? 0.0 : baseline.weightedCount() / correction;
    }

    /** The bias-corrected weighted variance of a baseline spanning {@code history} windows; 0 without history. */
    public double variance(Baseline baseline, int history) {
        double correction = correction(history);
        if (correction == 0.0) {
            return 0.0;
        }
        double mean = baseline.weightedCount() / correction;
        return Math.max(0.0, baseline.weightedSquare() / correction - mean * mean);
    }

    private double correction(int history) {
        return 1.0 - Math.pow(1.0 - parameters.alpha(), history);
    }

    /**
     * The baseline a key had just before {@code window}: the stored one with the windows since it
     * was stored folded in as zeros, or zero averages when nothing is stored.
     */
    public Baseline carriedTo(Baseline stored, long window) {
        if (stored == null) {
            return new Baseline(0.0, 0.0, window - 1);
        }
        long zeroWindows = window - 1 - stored.lastWindow();
        if (zeroWindows < 0) {
            throw new IllegalArgumentException(
                    "window " + window + " is already in the baseline (last window " + stored.lastWindow() + ")");
        }
        if (zeroWindows == 0) {
            return stored;
        }
        double keep = Math.pow(1.0 - parameters.alpha(), zeroWindows);
        return new Baseline(keep * stored.weightedCount(), keep * stored.weightedSquare(), window - 1);
    }

    /**
     * True when the stored baseline, carried to the end of {@code window}, is so close to zero
     * that forgetting it changes nothing: the store can drop it.
     */
    public boolean forgettable(Baseline stored, long window) {
        Baseline now = carriedTo(stored, window + 1);
        return now.weightedCount() < FORGET_BELOW && now.weightedSquare() < FORGET_BELOW;
    }

    /** Folds one window's count into a baseline. */
    Baseline fold(Baseline before, long count, long window) {
        double alpha = parameters.alpha();
        return new Baseline(
                (1.0 - alpha) * before.weightedCount() + alpha * count,
                (1.0 - alpha) * before.weightedSquare() + alpha * (double) count * count,
                window);
    }
}
