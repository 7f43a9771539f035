package io.paperstream.engagement;

/**
 * A paper's engagement velocity at one moment.
 *
 * @param score the decayed gain of upvotes and stars within the horizon ({@link EngagementHistory#velocity})
 * @param upvotesGain upvotes gained within the horizon, undecayed
 * @param starsGain GitHub stars gained within the horizon, undecayed
 */
public record Velocity(double score, long upvotesGain, long starsGain) {

    /** No gain at all. */
    public static final Velocity NONE = new Velocity(0, 0, 0);
}
