package io.paperstream.engagement;

import java.time.Duration;
import java.util.Objects;

/**
 * How engagement velocity is measured ({@link EngagementHistory#velocity}).
 *
 * @param horizon only gains observed within this long before now count
 * @param halfLife a gain counts half as much this long after it was observed
 */
public record VelocityParameters(Duration horizon, Duration halfLife) {

    public VelocityParameters {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(halfLife, "halfLife");
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the horizon must be positive, got " + horizon);
        }
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the half-life must be positive, got " + halfLife);
        }
    }
}
