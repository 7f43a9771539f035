package io.paperstream.engagement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The engagement observations of one paper, and its velocity: how fast it gains upvotes and GitHub stars now.
 *
 * <p>Sources report cumulative totals. Each metric's observations are kept by time; a later observation with a
 * lower total than an earlier one is the source correcting itself, so the effective total at a time is the lowest
 * total observed at that time or later (the series' lower envelope, never decreasing). A paper's gains are the
 * rises of that envelope between consecutive observations; the first observation is the baseline (what a paper had
 * gained before it was first seen is no velocity). The state is a function of the set of observations only: the
 * same observations in any order, or repeated, give the same velocity.
 *
 * <p>Not thread-safe; plain Java, no Kafka.
 */
public final class EngagementHistory {

    private final NavigableMap<Long, Long> upvotes;
    private final NavigableMap<Long, Long> stars;

    /** A paper not observed yet. */
    public EngagementHistory() {
        this(new TreeMap<>(), new TreeMap<>());
    }

    private EngagementHistory(NavigableMap<Long, Long> upvotes, NavigableMap<Long, Long> stars) {
        this.upvotes = upvotes;
        this.stars = stars;
    }

    /**
     * A history from stored observations.
     *
     * @param upvotes total upvotes by observation time (epoch ms)
     * @param stars total stars by observation time (epoch ms)
     */
    public static EngagementHistory of(Map<Long, Long> upvotes, Map<Long, Long> stars) {
        return new EngagementHistory(new TreeMap<>(upvotes), new TreeMap<>(stars));
    }

    /**
     * Adds an observation; a metric the source did not report ({@code null}) is left out.
     *
     * @param observedAt when the totals were observed (epoch ms)
     * @param upvoteTotal the total upvotes, or {@code null}
     * @param starTotal the total stars, or {@code null}
     * @return whether anything changed: false for an observation already known
     * @throws IllegalArgumentException for a negative total
     */
    public boolean add(long observedAt, Long upvoteTotal, Long starTotal) {
        boolean changed = put(upvotes, observedAt, upvoteTotal, "upvotes");
        return put(stars, observedAt, starTotal, "stars") || changed;
    }

    private static boolean put(NavigableMap<Long, Long> totals, long at, Long total, String metric) {
        if (total == null) {
            return false;
        }
        if (total < 0) {
            throw new IllegalArgumentException(metric + " total must not be negative, got " + total);
        }
        return !total.equals(totals.put(at, total));
    }

    /** The upvote totals by observation time, as kept. */
    public NavigableMap<Long, Long> upvotes() {
        return Collections.unmodifiableNavigableMap(upvotes);
    }

    /** The star totals by observation time, as kept. */
    public NavigableMap<Long, Long> stars() {
        return Collections.unmodifiableNavigableMap(stars);
    }

    /** Whether nothing is known. */
    public boolean isEmpty() {
        return upvotes.isEmpty() && stars.isEmpty();
    }

    /** The time of the latest observation (epoch ms), or {@link Long#MIN_VALUE} when there is none. */
    public long latest() {
        long latestUpvote = upvotes.isEmpty() ? Long.MIN_VALUE : upvotes.lastKey();
        long latestStar = stars.isEmpty() ? Long.MIN_VALUE : stars.lastKey();
        return Math.max(latestUpvote, latestStar);
    }

    /**
     * The velocity at {@code now}: each gain g observed at t with now − horizon &lt; t ≤ now counts
     * g · 2^(−(now − t) / halfLife); upvotes and stars count alike. Gains observed after {@code now} do not count
     * (a digest ranks at its window's end what is known later).
     */
    public Velocity velocity(long now, VelocityParameters parameters) {
        long from = now - parameters.horizon().toMillis();
        double halfLife = parameters.halfLife().toMillis();
        double score = 0;
        long[] gains = new long[2];
        int metric = 0;
        for (NavigableMap<Long, Long> totals : List.of(upvotes, stars)) {
            for (Gain gain : gains(totals)) {
                if (gain.at() > from && gain.at() <= now) {
                    score += gain.amount() * Math.pow(2, -(now - gain.at()) / halfLife);
                    gains[metric] += gain.amount();
                }
            }
            metric++;
        }
        return score == 0 && gains[0] == 0 && gains[1] == 0 ? Velocity.NONE : new Velocity(score, gains[0], gains[1]);
    }

    /**
     * Forgets what can no longer count at {@code now} or later: observations before the horizon but the latest of
     * them, which stays the baseline of the gains after it.
     */
    public void forgetBefore(long now, VelocityParameters parameters) {
        long from = now - parameters.horizon().toMillis();
        for (NavigableMap<Long, Long> totals : List.of(upvotes, stars)) {
            Long baseline = totals.floorKey(from);
            if (baseline != null) {
                totals.headMap(baseline, false).clear();
            }
        }
    }

    /** A rise of the effective total, observed at a time. */
    private record Gain(long at, long amount) {}

    /** The rises of the lower envelope between consecutive observations, the first observation being the baseline. */
    private static List<Gain> gains(NavigableMap<Long, Long> totals) {
        List<Long> times = new ArrayList<>(totals.keySet());
        long[] envelope = new long[times.size()];
        long lowest = Long.MAX_VALUE;
        for (int i = times.size() - 1; i >= 0; i--) {
            lowest = Math.min(lowest, totals.get(times.get(i)));
            envelope[i] = lowest;
        }
        List<Gain> gains = new ArrayList<>();
        for (int i = 1; i < envelope.length; i++) {
            if (envelope[i] > envelope[i - 1]) {
                gains.add(new Gain(times.get(i), envelope[i] - envelope[i - 1]));
            }
        }
        return gains;
    }
}
