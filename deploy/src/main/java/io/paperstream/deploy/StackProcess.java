package io.paperstream.deploy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

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
     * Checks {@code ready} every {@code pollInterval} until it holds. Fails with the tail of the server's log when
     * its JVM exits or {@code deadline} ({@link System#nanoTime()}, {@code timeout} after the wait began) passes
     * first.
     */
    final void awaitUntil(BooleanSupplier ready, long deadline, Duration timeout, Duration pollInterval) {
        while (!ready.getAsBoolean()) {
            Optional<Integer> exitCode = child.exitCode();
            if (exitCode.isPresent()) {
                throw new StackException(displayName() + " exited with code " + exitCode.get()
                        + " before it was ready; " + child.logTailMessage());
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(displayName() + " on " + endpoint() + " was not ready within "
                        + timeout.toSeconds() + " s; " + child.logTailMessage());
            }
            sleep(pollInterval);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the local stack", e);
        }
    }
}
