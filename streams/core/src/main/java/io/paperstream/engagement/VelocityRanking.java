package io.paperstream.engagement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Ranks papers by velocity: highest score first, ties by paper id; papers without gain are left out. */
public final class VelocityRanking {

    private static final Comparator<Map.Entry<String, Velocity>> ORDER = Comparator.comparingDouble(
                    (Map.Entry<String, Velocity> e) -> e.getValue().score())
            .reversed()
            .thenComparing(Map.Entry::getKey);

    private VelocityRanking() {}

    /**
     * One paper of a ranking.
     *
     * @param rank 1 for the fastest
     * @param paperId the paper's id
     * @param velocity its velocity
     */
    public record Ranked(int rank, String paperId, Velocity velocity) {}

    /** The {@code n} papers with the highest positive scores, rank order. */
    public static List<Ranked> top(Map<String, Velocity> velocities, int n) {
        List<Ranked> ranked = new ArrayList<>();
        velocities.entrySet().stream()
                .filter(e -> e.getValue().score() > 0)
                .sorted(ORDER)
                .limit(n)
                .forEach(e -> ranked.add(new Ranked(ranked.size() + 1, e.getKey(), e.getValue())));
        return ranked;
    }
}
