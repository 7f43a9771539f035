package io.paperstream.stack;

import io.paperstream.waits.Waits;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A server of the local stack run as a child JVM, a Kafka node or the schema registry: what both do with their
 * process once it is launched — tell whether it runs and its pid, wait for it to become ready while watching
 * that it has not exited, stop it and kill it.
 */
abstract class StackProcess {

    private ChildJvm child;

    /** The server in messages, such as "Kafka node 1" or "the schema registry". */
    abstract String displayName();

    /** Where clients reach the server, in messages. */
    abstract String endpoint();

    public final boolean isRunning() {
        return child != null && child.isAlive();
    }

    /** The pid of the running server's JVM. */
    public final OptionalLong pid() {
        return isRunning() ? OptionalLong.of(child.pid()) : OptionalLong.empty();
    }

    /**
     * Stops the server with SIGTERM (for a Kafka node, a controlled shutdown), and SIGKILL after {@code grace}.
     *
     * @return true when it stopped within the grace period
     */
    public final boolean stop(Duration grace) {
        return child == null || child.stop(grace);
    }

    /** Kills the server with SIGKILL, as a crash would. */
    public final void kill() {
        if (child != null) {
            child.kill();
        }
    }

    ChildJvm child() {
        return child;
    }

    /** Refuses a second launch while the server's JVM runs. */
    final void requireNotRunning() {
        if (isRunning()) {
            throw new IllegalStateException(displayName() + " is already running (pid " + child.pid() + ")");
        }
    }

    /** Records the JVM that {@code launch()} started. */
    final void launched(ChildJvm launched) {
        child = launched;
    }

    /** Refuses to wait for a server that was never launched. */
    final void requireLaunched() {
        if (child == null) {
            throw new IllegalStateException(displayName() + " was not launched");
        }
    }

    /**
     * Waits until {@code ready} holds, checking every {@code pollInterval}. Fails with the tail of the server's log
     * when its JVM exits or {@code timeout} passes first.
     *
     * @param awaited what {@code ready} tells, for the wait's name, such as "to answer"
     */
    final void awaitUntil(String awaited, Callable<Boolean> ready, Duration timeout, Duration pollInterval) {
        try {
            Waits.await(displayName() + " " + awaited)
                    .atMost(timeout)
                    .pollInterval(pollInterval)
                    .failFast(this::requireAlive)
                    .until(ready);
        } catch (TerminalFailureException exited) {
            throw (StackException) exited.getCause();
        } catch (ConditionTimeoutException e) {
            throw new StackException(displayName() + " on " + endpoint() + " was not ready within "
                    + timeout.toSeconds() + " s; " + child.logTailMessage());
        }
    }

    private void requireAlive() {
        Optional<Integer> exitCode = child.exitCode();
        if (exitCode.isPresent()) {
            throw new StackException(displayName() + " exited with code " + exitCode.get() + " before it was ready; "
                    + child.logTailMessage());
        }
    }
}
