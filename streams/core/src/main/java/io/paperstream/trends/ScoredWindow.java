package io.paperstream.trends;

import java.util.List;
import java.util.Map;

/**
 * The outcome of scoring one closed window.
 *
 * @param trends the reported risers, by rank (at most top N, possibly none)
 * @param baselines the new baseline of every key counted in the window, to store for the next windows
 */
public record ScoredWindow(List<TrendScore> trends, Map<String, Baseline> baselines) {

    public ScoredWindow {
        trends = List.copyOf(trends);
        baselines = Map.copyOf(baselines);
    }
}
