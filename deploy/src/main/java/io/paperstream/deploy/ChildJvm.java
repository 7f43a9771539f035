package io.paperstream.deploy;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM of the local stack: started with its output appended to a log file, tagged with a
 * {@code -Dpaperstream.role=...} argument so that another JVM (the {@code stack stop} command) can recognise
 * it by pid, and stopped with SIGTERM, then SIGKILL after a grace period.
 *
 * <p>Children are stopped when this JVM exits (tests must not leak brokers) unless {@link #release()} hands
 * them over to the state file, as {@code stack start} does.
 */
final class ChildJvm {

    private static final String ROLE_ARGUMENT = "-Dpaperstream.role=";
    private static final Set<ChildJvm> OWNED = ConcurrentHashMap.newKeySet();
    private static final Duration EXIT_HOOK_GRACE = Duration.ofSeconds(10);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(List.copyOf(OWNED), EXIT_HOOK_GRACE),
                "paperstream-child-reaper"));
    }

    private final String role;
    private final Process process;
    private final Path logFile;

    private ChildJvm(String role, Process process, Path logFile) {
        this.role = role;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java <jvmArguments> <mainArguments>} in {@code workDir}, stdout and stderr appended to
     * {@code logFile}.
     */
    static ChildJvm launch(String role, List<String> jvmArguments, List<String> mainArguments, Path workDir,
            Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Distribution.javaExecutable().toString());
        command.add(ROLE_ARGUMENT + role);
        command.addAll(jvmArguments);
        command.addAll(mainArguments);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "---- paperstream: starting " + role + ": " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            ChildJvm child = new ChildJvm(role, process, logFile);
            OWNED.add(child);
            return child;
        } catch (IOException e) {
            throw new StackException("could not start " + role + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a short-lived child JVM to completion (such as the storage formatter) and returns its exit code;
     * kills it when it takes longer than {@code timeout}.
     */
    static int runToCompletion(String role, List<String> jvmArguments, List<String> mainArguments, Path workDir,
            Path logFile, Duration timeout) {
        ChildJvm child = launch(role, jvmArguments, mainArguments, workDir, logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new StackException(role + " did not finish within " + timeout.toSeconds() + " s; "
                        + child.logTailMessage());
            }
            return child.process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
            throw new StackException("interrupted while waiting for " + role, e);
        } finally {
            OWNED.remove(child);
        }
    }

    String role() {
        return role;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or empty while the process runs. */
    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    Path logFile() {
        return logFile;
    }

    /** Leaves the process running when this JVM exits. */
    void release() {
        OWNED.remove(this);
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; returns true when it stopped within the grace period. */
    boolean stop(Duration grace) {
        boolean graceful = terminate(process.toHandle(), grace);
        OWNED.remove(this);
        return graceful;
    }

    /** SIGKILL, as a crash would. */
    void kill() {
        process.destroyForcibly();
        awaitExit(process.toHandle(), Duration.ofSeconds(10));
        OWNED.remove(this);
    }

    /** Stops several children at once, so that their shutdowns overlap. */
    static void stopAll(Collection<ChildJvm> children, Duration grace) {
        AtOnce.forEach(children, child -> child.stop(grace));
    }

    /**
     * Stops the process {@code pid} started by another JVM, if it is still the child with {@code role} (a pid
     * may have been reused since the state file was written).
     *
     * @return empty when no such child runs, else whether it stopped within the grace period
     */
    static Optional<Boolean> stopByPid(long pid, String role, Duration grace) {
        return runningByPid(pid, role).map(handle -> terminate(handle, grace));
    }

    /** The live process {@code pid} if it is the child with {@code role}. */
    static Optional<ProcessHandle> runningByPid(long pid, String role) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                // the command line, not arguments(): the JDK reads at most 4 KiB of /proc/PID/cmdline and
                // returns no arguments at all for the broker's longer one; the role comes first, so it is kept
                .filter(handle -> handle.info().commandLine()
                        .map(commandLine -> commandLine.contains(" " + ROLE_ARGUMENT + role + " "))
                        .orElse(false));
    }

    @Override
    public String toString() {
        return role + " (pid " + process.pid() + ")";
    }

    /** "last lines of LOG:" followed by them, for error messages. */
    String logTailMessage() {
        return "last lines of " + logFile + ":" + System.lineSeparator() + logTail(logFile, 20);
    }

    /** The last {@code lines} lines of a log file (reads at most its last 64 KiB). */
    static String logTail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log file)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        if (awaitExit(handle, grace)) {
            return true;
        }
        handle.destroyForcibly();
        awaitExit(handle, Duration.ofSeconds(10));
        return false;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
