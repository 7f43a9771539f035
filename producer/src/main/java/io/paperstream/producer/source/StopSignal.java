package io.paperstream.producer.source;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells long-running work (polling, pacing) to stop, for example on Ctrl-C, and lets it wait
 * in a way that a stop cuts short.
 */
public final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Asks everything waiting on this signal to stop. */
    public void stop() {
        stopped.countDown();
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Waits for the duration unless a stop comes first.
     *
     * @return true when the whole duration passed, false when stopped
     */
    public boolean await(Duration duration) throws InterruptedException {
        return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
