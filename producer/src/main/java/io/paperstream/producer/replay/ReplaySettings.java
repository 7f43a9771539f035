package io.paperstream.producer.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a replay looks like: how many simulated days from when, how many papers a day, which
 * bursts, and the seed that makes it repeatable.
 *
 * @param days simulated days, at least 1
 * @param papersPerDay expected papers per day without bursts (the base rate of all topics together), above 0
 * @param bursts the injected bursts; two bursts of one key may not share a day
 * @param seed the seed of every random choice: the same settings and pool give the same replay
 * @param start when day 0 begins; at 00:00 UTC the simulated days are the streams application's
 *     one-day windows (they are aligned to the epoch)
 * @param windowGrace the streams application's {@code paperstream.window.grace}: the closing
 *     event comes this long after the end of the last day, so that the last day's window closes
 */
public record ReplaySettings(
        int days, double papersPerDay, List<BurstSpec> bursts, long seed, Instant start, Duration windowGrace) {

    public static final int DEFAULT_DAYS = 30;
    public static final double DEFAULT_PAPERS_PER_DAY = 40;
    public static final long DEFAULT_SEED = 1;
    public static final String DEFAULT_START_TEXT = "2026-01-01T00:00:00Z";
    public static final Instant DEFAULT_START = Instant.parse(DEFAULT_START_TEXT);
    /** The default of the streams application's {@code paperstream.window.grace}. */
    public static final Duration DEFAULT_WINDOW_GRACE = Duration.ofHours(1);
    /** {@link #DEFAULT_WINDOW_GRACE} as the command line writes it. */
    public static final String DEFAULT_WINDOW_GRACE_TEXT = "1h";

    public ReplaySettings {
        bursts = List.copyOf(bursts);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(windowGrace, "windowGrace");
        if (days < 1) {
            throw new IllegalArgumentException("a replay needs at least 1 day, got " + days);
        }
        if (!(papersPerDay > 0) || Double.isInfinite(papersPerDay)) {
            throw new IllegalArgumentException("papers per day must be a positive number, got " + papersPerDay);
        }
        if (windowGrace.isNegative()) {
            throw new IllegalArgumentException("the window grace must not be negative, got " + windowGrace);
        }
        for (int i = 0; i < bursts.size(); i++) {
            BurstSpec burst = bursts.get(i);
            if (burst.endDay() > days) {
                throw new IllegalArgumentException(
                        "burst " + burst + " ends after the last day (day " + (days - 1) + ")");
            }
            for (BurstSpec earlier : bursts.subList(0, i)) {
                if (burst.overlaps(earlier)) {
                    throw new IllegalArgumentException("bursts " + earlier + " and " + burst + " share a day");
                }
            }
        }
    }

    /** The defaults: 30 days of 40 papers from 2026-01-01, seed 1, no bursts. */
    public static ReplaySettings defaults() {
        return new ReplaySettings(
                DEFAULT_DAYS, DEFAULT_PAPERS_PER_DAY, List.of(), DEFAULT_SEED, DEFAULT_START, DEFAULT_WINDOW_GRACE);
    }

    /** The same replay without bursts: its base papers are exactly those of this replay. */
    public ReplaySettings withoutBursts() {
        return new ReplaySettings(days, papersPerDay, List.of(), seed, start, windowGrace);
    }

    /** These settings with other bursts. */
    public ReplaySettings withBursts(List<BurstSpec> newBursts) {
        return new ReplaySettings(days, papersPerDay, newBursts, seed, start, windowGrace);
    }

    /** When simulated day {@code day} begins. */
    public Instant dayStart(int day) {
        return start.plus(Duration.ofDays(day));
    }

    /** The publication time of the closing event: the end of the last day plus the window grace. */
    public Instant closingTime() {
        return dayStart(days).plus(windowGrace);
    }
}
