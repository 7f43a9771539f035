package io.paperstream.bench;

import io.paperstream.stack.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A command the bench runs to its end in a child JVM ({@code produce}, Kafka's perf tools), and what it printed. */
final class ChildOutput {

    private ChildOutput() {}

    /**
     * Runs {@code mainClass} to completion, its output in {@code <role>.log} of {@code directory}, and returns that
     * output; fails with the output's tail when it exits with another code than 0.
     */
    static String of(String role, String mainClass, List<String> arguments, Path directory, Duration timeout) {
        Path log = directory.resolve(role + ".log");
        int exitCode = ChildJvm.runMainToCompletion(role, mainClass, arguments, directory, log, timeout);
        String output = read(log);
        if (exitCode != 0) {
            throw new BenchException(role + " failed with exit code " + exitCode + "; its output:\n" + tail(output));
        }
        return output;
    }

    /** The last lines of {@code output}, for a failure message. */
    static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
