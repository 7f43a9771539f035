package io.paperstream.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A command of this machine (podman-compose, podman) run to its end within a time limit, as a test step. */
final class HostCommand {

    private static final Logger LOG = LoggerFactory.getLogger(HostCommand.class);

    private HostCommand() {}

    /**
     * Runs {@code command} in {@code directory} with {@code environment} added to this JVM's; fails the test with
     * the command's output when it does not end within {@code timeout} (it is then killed) or exits non-zero.
     *
     * @return its output, standard error included
     */
    static String run(List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
        Outcome outcome = start(command, directory, environment, timeout);
        assertThat(outcome.ended())
                .as("%s ended within %s; its output:%n%s", command, timeout, outcome.output())
                .isTrue();
        assertThat(outcome.exitCode())
                .as("exit code of %s; its output:%n%s", command, outcome.output())
                .isZero();
        return outcome.output();
    }

    /**
     * Runs a clean-up {@code command} whose failure is no test failure (what it removes may never have been made,
     * when an earlier step failed): its output goes to the test log.
     */
    static void cleanUp(List<String> command, Path directory, Duration timeout) {
        Outcome outcome = start(command, directory, Map.of(), timeout);
        if (!outcome.ended() || outcome.exitCode() != 0) {
            LOG.info(
                    "clean-up {} did not succeed: {}", command, outcome.output().strip());
        }
    }

    /**
     * The output of a diagnostic {@code command}, whatever its exit code: what a failing test adds to its message, so
     * that the diagnosis cannot take the failure's place.
     */
    static String diagnostic(List<String> command, Path directory, Duration timeout) {
        Outcome outcome = start(command, directory, Map.of(), timeout);
        return outcome.ended()
                ? outcome.output()
                : command + " did not end within " + timeout + ": " + outcome.output();
    }

    private record Outcome(boolean ended, int exitCode, String output) {}

    private static Outcome start(
            List<String> command, Path directory, Map<String, String> environment, Duration timeout) {
        try {
            Path output = Files.createTempFile(ItDirectories.temporary(), "command-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Outcome(ended, ended ? process.exitValue() : -1, log);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
