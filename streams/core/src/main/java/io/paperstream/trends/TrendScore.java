package io.paperstream.trends;

/**
 * One key (topic id or keyphrase) reported as rising in one window.
 *
 * @param key the topic id or keyphrase
 * @param count papers with the key in the window
 * @param baseline expected count: the baseline mean before this window
 * @param score rise score, see {@link TrendScorer#score}
 * @param rank 1 for the strongest riser of the window
 * @param baselineWindows how many earlier windows the baseline is built on
 */
public record TrendScore(String key, long count, double baseline, double score, int rank, int baselineWindows) {}
