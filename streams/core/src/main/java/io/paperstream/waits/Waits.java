package io.paperstream.waits;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The one way paperstream waits for a condition, in the local stack, the command line and the tests: Awaitility,
 * each wait named for what it awaits, so that a timeout says what did not happen. Every wait checks at once (not
 * after a first poll interval), then every 100 ms unless it says otherwise; it checks on the waiting thread, as a
 * loop would (a Kafka consumer allows only one thread), and leaves uncaught exceptions of other threads to their
 * own handlers (Awaitility's default would install a JVM-wide handler for the time of the wait).
 *
 * <pre>{@code
 * await("the three instances to own all four partitions").atMost(STEP_TIMEOUT).until(...);
 * }</pre>
 */
public final class Waits {

    private Waits() {}

    /** A wait for {@code awaited}, such as "Kafka node 1 to register as a broker"; give it {@code atMost}. */
    public static ConditionFactory await(String awaited) {
        return Awaitility.await(awaited)
                .pollDelay(Duration.ZERO)
                .pollInSameThread()
                .dontCatchUncaughtExceptions();
    }
}
