package io.paperstream.producer.replay;

import java.time.Duration;
import java.util.Objects;

/**
 * How a replay's papers gain engagement ({@link EngagementSeries}).
 *
 * @param risingShare the share of papers that rise fast, from 0 to 1
 * @param every the time between two observations of a paper's figures, above 0
 * @param span how long after its publication a paper gains and is observed, at least {@code every}
 */
public record EngagementSettings(double risingShare, Duration every, Duration span) {

    public static final double DEFAULT_RISING_SHARE = 0.05;
    public static final Duration DEFAULT_EVERY = Duration.ofHours(6);
    public static final Duration DEFAULT_SPAN = Duration.ofDays(3);

    public EngagementSettings {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(span, "span");
        if (!(risingShare >= 0 && risingShare <= 1)) {
            throw new IllegalArgumentException("the rising share must be from 0 to 1, got " + risingShare);
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the observation interval must be positive, got " + every);
        }
        if (span.compareTo(every) < 0) {
            throw new IllegalArgumentException(
                    "the engagement span " + span + " is shorter than the observation interval " + every);
        }
    }

    /** 5% rising papers, observed every 6 hours for 3 days after publication. */
    public static EngagementSettings defaults() {
        return new EngagementSettings(DEFAULT_RISING_SHARE, DEFAULT_EVERY, DEFAULT_SPAN);
    }
}
