package io.paperstream.it;

import io.paperstream.producer.ProduceCommand;
import io.paperstream.stack.ChildJvm;
import io.paperstream.stack.Distribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Runs the real {@code produce} command ({@link ProduceCommand}): in this JVM through picocli, or as its own
 * OS process started from this JVM's classpath, as a user's shell would (exit code from {@code System.exit},
 * the process's real standard error).
 */
public final class ProduceCommandRun {

    /**
     * What a run printed and returned.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error: bad records, progress, the summary, or the one-sentence failure
     */
    public record Outcome(int exitCode, String out, String err) {

        /** The non-blank lines of standard error. */
        public List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    private ProduceCommandRun() {}

    /** Runs the command in this JVM, without environment variables or standard input. */
    public static Outcome inProcess(List<String> arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command =
                new CommandLine(new ProduceCommand(Map.of(), InputStream.nullInputStream(), Clock.systemUTC()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(arguments.toArray(String[]::new));
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    /**
     * Runs the command's {@code main} in a child JVM with no standard input and none of the KAFKA_ and
     * PAPERSTREAM_ environment variables the command reads.
     *
     * @throws AssertionError when it has not ended within {@code timeout} (it is then killed)
     */
    public static Outcome asProcess(List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(
                Distribution.javaExecutable().toString(),
                ChildJvm.AVRO_TRUSTED_PACKAGES,
                "-cp",
                System.getProperty("java.class.path"),
                ProduceCommand.class.getName()));
        command.addAll(arguments);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile(ItDirectories.temporary(), "produce-", ".out");
            err = Files.createTempFile(ItDirectories.temporary(), "produce-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment()
                    .keySet()
                    .removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("PAPERSTREAM_"));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("produce " + arguments + " did not end within " + timeout.toSeconds()
                        + " s; its standard error: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Outcome(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while produce ran", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file under target/tmp is harmless
        }
    }
}
