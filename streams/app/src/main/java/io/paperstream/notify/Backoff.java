package io.paperstream.notify;

import java.time.Duration;

/** Exponential backoff: waits that double from {@code initial} up to {@code max}, until {@link #reset()}. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.next = initial;
    }

    /** The wait before the next retry; the one after will be twice as long, at most {@code max}. */
    Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    /** Starts again from {@code initial}, after a success. */
    void reset() {
        next = initial;
    }
}
