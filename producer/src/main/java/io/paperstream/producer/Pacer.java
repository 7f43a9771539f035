package io.paperstream.producer;

import io.paperstream.producer.source.StopSignal;
import java.time.Duration;

/** Paces a run to at most a given number of records per second ({@code --rate}). */
final class Pacer {

    private final double perSecond;
    private final StopSignal stop;
    private long startNanos = -1;

    /** @param perSecond the rate; 0 or less means unpaced */
    Pacer(double perSecond, StopSignal stop) {
        this.perSecond = perSecond;
        this.stop = stop;
    }

    /** Waits until record {@code index} (0-based) is due; returns at once when unpaced or stopped. */
    void awaitTurn(long index) throws InterruptedException {
        if (perSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long due = startNanos + (long) (index * 1e9 / perSecond);
        if (due > now) {
            stop.await(Duration.ofNanos(due - now));
        }
    }
}
