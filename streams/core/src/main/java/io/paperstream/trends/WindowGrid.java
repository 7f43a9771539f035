package io.paperstream.trends;

import java.time.Duration;

/**
 * The event-time windows of the pipeline: windows of {@code size} starting every
 * {@code advance}, aligned to the epoch, exactly as Kafka Streams' {@code TimeWindows} lays them
 * out (tumbling when advance equals size). Windows are numbered by start / advance.
 */
public record WindowGrid(long sizeMs, long advanceMs) {

    public WindowGrid {
        if (sizeMs <= 0 || advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException(
                    "need 0 < advance <= size, got size " + sizeMs + " ms, advance " + advanceMs + " ms");
        }
    }

    public static WindowGrid of(Duration size, Duration advance) {
        return new WindowGrid(size.toMillis(), advance.toMillis());
    }

    /** Start of the earliest window containing {@code timestamp} (the same start as {@code TimeWindows.windowsFor}). */
    public long firstStartFor(long timestamp) {
        return Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs * advanceMs;
    }

    /** Start of the latest window containing {@code timestamp}. */
    public long lastStartFor(long timestamp) {
        return timestamp / advanceMs * advanceMs;
    }

    /** Index of the window starting at {@code windowStart}: consecutive windows have consecutive indices. */
    public long index(long windowStart) {
        return windowStart / advanceMs;
    }

    public long endOf(long windowStart) {
        return windowStart + sizeMs;
    }

    /**
     * Start of the slice of time holding {@code timestamp}: slices are gcd(size, advance) wide and
     * every window starts and ends on a slice boundary, so all times of one slice lie in the same
     * windows (what lets changes be summed per slice before they are counted per window).
     */
    public long sliceOf(long timestamp) {
        long width = sliceMs();
        return Math.floorDiv(timestamp, width) * width;
    }

    private long sliceMs() {
        long a = sizeMs;
        long b = advanceMs;
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
