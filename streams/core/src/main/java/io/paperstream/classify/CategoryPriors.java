package io.paperstream.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The taxonomy's mapping from source categories (arXiv's {@code cs.CV}, {@code eess.AS}, …) to
 * topic weights, compiled once: a category's lookup is one or two hash probes. A key
 * {@code archive.*} maps every category of the archive ({@code q-bio.*}: {@code q-bio.BM},
 * {@code q-bio.GN}, …, and a bare {@code q-bio}); an exact key overrides the wildcard's weight for
 * its topic. Keys match case-insensitively.
 */
final class CategoryPriors {

    /** Topic indexes and weights of one source category: each topic's text score is scaled by 1 + weight. */
    static final class Prior {
        final int[] topics;
        final double[] weights;

        private Prior(Map<Integer, Double> byTopic) {
            topics = byTopic.keySet().stream().mapToInt(Integer::intValue).toArray();
            weights = byTopic.values().stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The weight of {@code topic} in this prior, 0 when it has none. */
        double weightOf(int topic) {
            for (int i = 0; i < topics.length; i++) {
                if (topics[i] == topic) {
                    return weights[i];
                }
            }
            return 0;
        }
    }

    private static final String WILDCARD = ".*";

    private final Map<String, Prior> exact = new HashMap<>();
    private final Map<String, Prior> archives = new HashMap<>();

    CategoryPriors(List<ResearchTopic> topics) {
        Map<String, Map<Integer, Double>> exactWeights = new HashMap<>();
        Map<String, Map<Integer, Double>> archiveWeights = new HashMap<>();
        for (int t = 0; t < topics.size(); t++) {
            for (Map.Entry<String, Double> mapping : topics.get(t).categories().entrySet()) {
                String key = mapping.getKey().toLowerCase(Locale.ROOT);
                boolean wildcard = key.endsWith(WILDCARD);
                (wildcard ? archiveWeights : exactWeights)
                        .computeIfAbsent(
                                wildcard ? key.substring(0, key.length() - WILDCARD.length()) : key,
                                k -> new TreeMap<>())
                        .put(t, mapping.getValue());
            }
        }
        archiveWeights.forEach((archive, weights) -> archives.put(archive, new Prior(weights)));
        exactWeights.forEach((category, weights) -> {
            // the archive's wildcard still weighs for the topics the exact key does not name
            Map<Integer, Double> merged = new TreeMap<>(archiveWeights.getOrDefault(archiveOf(category), Map.of()));
            merged.putAll(weights);
            exact.put(category, new Prior(merged));
        });
    }

    /** The weights of a source category, or null when the taxonomy does not map it. */
    Prior of(String category) {
        String key = category.strip().toLowerCase(Locale.ROOT);
        Prior prior = exact.get(key);
        return prior != null ? prior : archives.get(archiveOf(key));
    }

    private static String archiveOf(String category) {
        int dot = category.indexOf('.');
        return dot < 0 ? category : category.substring(0, dot);
    }
}
