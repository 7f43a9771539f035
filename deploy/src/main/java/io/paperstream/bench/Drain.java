package io.paperstream.bench;

import io.paperstream.waits.Waits;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How long an application took to process every record of its input, and its steady rate: the records
 * committed after its first commit divided by the time from that commit to the last, so that start-up (JVM,
 * group join, topic creation, store opening) does not count against either application.
 *
 * @param records the input records
 * @param seconds from the start of the instances until every input and repartition record was committed
 * @param steadyPerSecond input records per second from the first commit to the end
 * @param cpu the first instance's CPU and the machine's over the same time; null where it cannot be read (not
 *     Linux)
 */
public record Drain(long records, double seconds, double steadyPerSecond, CpuUse cpu) {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final double PROGRESS_SECONDS = 10;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Starts {@code app}'s instances and waits until they have processed all of {@code inputTopic}; with
     * {@code threadCpu}, the CPU of the first instance is split by its threads.
     */
    static Drain measure(
            StreamsProcesses app,
            Admin admin,
            String inputTopic,
            Duration timeout,
            boolean threadCpu,
            PrintWriter out) {
        Progress progress = new Progress(
                new GroupProgress(admin, app.applicationId(), inputTopic, app.exactlyOnce(), ADMIN_TIMEOUT),
                app,
                threadCpu,
                out);
        app.start();
        try {
            Waits.await(app.applicationId() + " to process every record of " + inputTopic)
                    .atMost(timeout)
                    .pollInterval(POLL)
                    .until(progress::drained);
        } catch (ConditionTimeoutException e) {
            throw new BenchException(String.format(
                    Locale.ROOT,
                    "%s did not drain %s within %d s: %d of %d records committed",
                    app.applicationId(),
                    inputTopic,
                    timeout.toSeconds(),
                    progress.last.inputCommitted(),
                    progress.last.inputEnd()));
        }
        return progress.result();
    }

    /** The group's progress as the wait sees it, with the first commit and a line every few seconds. */
    private static final class Progress {

        private final GroupProgress group;
        private final StreamsProcesses app;
        private final boolean threadCpu;
        private final PrintWriter out;
        private GroupProgress.Snapshot last = new GroupProgress.Snapshot(0, 0, false);
        private Optional<CpuUse.Sample> cpuAtFirstCommit = Optional.empty();
        private CpuUse cpu;
        private double lastSeconds;
        private double firstCommitSeconds = -1;
        private long firstCommitted;
        private double nextReport = PROGRESS_SECONDS;

        Progress(GroupProgress group, StreamsProcesses app, boolean threadCpu, PrintWriter out) {
            this.group = group;
            this.app = app;
            this.threadCpu = threadCpu;
            this.out = out;
        }

        boolean drained() throws Exception {
            app.requireAlive();
            last = group.snapshot();
            lastSeconds = app.elapsedSeconds();
            if (firstCommitSeconds < 0 && last.inputCommitted() > 0) {
                firstCommitSeconds = lastSeconds;
                firstCommitted = last.inputCommitted();
                // the same window as the steady rate
                cpuAtFirstCommit = CpuUse.sample(app.first().pid(), threadCpu);
            }
            if (lastSeconds >= nextReport) {
                out.printf(
                        Locale.ROOT,
                        "  %s: %d of %d records committed (%.0f s)%n",
                        app.applicationId(),
                        last.inputCommitted(),
                        last.inputEnd(),
                        lastSeconds);
                out.flush();
                nextReport += PROGRESS_SECONDS;
            }
            boolean drained = last.drained() && last.inputEnd() > 0;
            if (drained) {
                cpu = cpuAtFirstCommit
                        .flatMap(start ->
                                CpuUse.sample(app.first().pid(), threadCpu).flatMap(end -> CpuUse.between(start, end)))
                        .orElse(null);
            }
            return drained;
        }

        Drain result() {
            double steadySeconds = lastSeconds - firstCommitSeconds;
            double steady = steadySeconds > 0
                    ? (last.inputEnd() - firstCommitted) / steadySeconds
                    : last.inputEnd() / lastSeconds;
            return new Drain(last.inputEnd(), lastSeconds, steady, cpu);
        }
    }
}
