package io.paperstream.stack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM: the broker and the registry of the local stack, or a paperstream application that a test
 * must be able to kill for real ({@link #startMain}). Its output is appended to a log file; it is tagged with
 * a {@code -Dpaperstream.role=...} argument so that another JVM (the {@code stack stop} command) can recognise
 * it by pid; it is stopped with SIGTERM, then SIGKILL after a grace period, or killed with SIGKILL.
 *
 * <p>Children are stopped when this JVM exits (tests must not leak brokers; {@link OwnedChildren} holds them)
 * unless {@link #release()} hands them over to the state file, as {@code stack start} does.
 */
public final class ChildJvm {

    /** Avro 1.12.2 deserializes only into trusted packages: every paperstream JVM trusts ours. */
    public static final String AVRO_TRUSTED_PACKAGES = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.paperstream.avro";

    private static final String ROLE_ARGUMENT = "-Dpaperstream.role=";
    /**
     * RocksDB, lz4 and JNA load native libraries from the classpath: Java 22+ warns of it in every process's log and
     * will refuse it unless allowed (JEP 472); Java 17 takes the option as well.
     */
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static final OwnedChildren OWNED = new OwnedChildren(Duration.ofSeconds(10));

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
    static ChildJvm launch(
            String role, List<String> jvmArguments, List<String> mainArguments, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Distribution.javaExecutable().toString());
        command.add(ROLE_ARGUMENT + role);
        command.add(NATIVE_ACCESS);
        command.addAll(jvmArguments);
        command.addAll(mainArguments);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            // a dated header per start: the log is appended across restarts
            Files.writeString(
                    logFile,
                    "---- paperstream " + Instant.now() + ": starting " + role + ": "
                            + String.join(
                                    " ",
                                    command.stream()
                                            .map(ChildJvm::abbreviateClasspath)
                                            .toList())
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
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
     * Starts {@code mainClass} from this JVM's own classpath in a child JVM (under surefire or failsafe that
     * classpath is the booter jar, whose manifest names every test dependency), trusting paperstream's Avro
     * package; its output is appended to {@code logFile}.
     *
     * @param role a name for the process, also its {@code -Dpaperstream.role} tag
     * @param jvmOptions options before the class name, such as {@code -Xmx512m}
     */
    public static ChildJvm startMain(
            String role,
            String mainClass,
            List<String> arguments,
            List<String> jvmOptions,
            Path workDir,
            Path logFile) {
        return launch(role, mainOptions(jvmOptions), mainArguments(mainClass, arguments), workDir, logFile);
    }

    /**
     * Runs {@code mainClass} from this JVM's own classpath in a child JVM to completion (as {@link #startMain},
     * without JVM options) and returns its exit code; kills it when it takes longer than {@code timeout}.
     */
    public static int runMainToCompletion(
            String role, String mainClass, List<String> arguments, Path workDir, Path logFile, Duration timeout) {
        return runToCompletion(
                role, mainOptions(List.of()), mainArguments(mainClass, arguments), workDir, logFile, timeout);
    }

    private static List<String> mainOptions(List<String> jvmOptions) {
        List<String> options = new ArrayList<>();
        options.add(AVRO_TRUSTED_PACKAGES);
        options.addAll(jvmOptions);
        options.add("-cp");
        options.add(System.getProperty("java.class.path"));
        return options;
    }

    private static List<String> mainArguments(String mainClass, List<String> arguments) {
        List<String> main = new ArrayList<>();
        main.add(mainClass);
        main.addAll(arguments);
        return main;
    }

    /** A long classpath as its first entry and a count, so that the log header stays one readable line. */
    private static String abbreviateClasspath(String argument) {
        String[] entries = argument.split(File.pathSeparator);
        return entries.length < 5 ? argument : entries[0] + File.pathSeparator + "... (" + entries.length + " jars)";
    }

    /**
     * Runs a short-lived child JVM to completion (such as the storage formatter) and returns its exit code;
     * kills it when it takes longer than {@code timeout}.
     */
    static int runToCompletion(
            String role,
            List<String> jvmArguments,
            List<String> mainArguments,
            Path workDir,
            Path logFile,
            Duration timeout) {
        ChildJvm child = launch(role, jvmArguments, mainArguments, workDir, logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.kill();
                throw new StackException(
                        role + " did not finish within " + timeout.toSeconds() + " s; " + child.logTailMessage());
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

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or empty while the process runs. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Waits up to {@code timeout} for the process to end by itself.
     *
     * @return its exit code, or empty when it still runs
     */
    public Optional<Integer> awaitExit(Duration timeout) {
        awaitExit(process.toHandle(), timeout);
        return exitCode();
    }

    /** The file the process's output is appended to. */
    public Path logFile() {
        return logFile;
    }

    /** Leaves the process running when this JVM exits. */
    void release() {
        OWNED.remove(this);
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; returns true when it stopped within the grace period. */
    public boolean stop(Duration grace) {
        boolean graceful = terminate(process.toHandle(), grace);
        OWNED.remove(this);
        return graceful;
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
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
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(commandLine -> commandLine.contains(" " + ROLE_ARGUMENT + role + " "))
                        .orElse(false));
    }

    @Override
    public String toString() {
        return role + " (pid " + process.pid() + ")";
    }

    /** "last lines of LOG:" followed by them, for error messages. */
    public String logTailMessage() {
        return logTailMessage(logFile);
    }

    /** "last lines of LOG:" followed by the last 20 lines of {@code file}. */
    static String logTailMessage(Path file) {
        return "last lines of " + file + ":" + System.lineSeparator() + logTail(file, 20);
    }

    /** The last {@code lines} lines of a log file (reads at most its last 64 KiB). */
    private static String logTail(Path file, int lines) {
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
