package io.paperstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code jcmd}, run against another JVM; absent where the bench runs on a JRE. */
final class Jcmd {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    private Jcmd(Path executable) {
        this.executable = executable;
    }

    /** The jcmd of the JDK this JVM runs on, if it has one. */
    static Optional<Jcmd> find() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(jcmd) ? Optional.of(new Jcmd(jcmd)) : Optional.empty();
    }

    /** The output of {@code jcmd PID COMMAND}; fails with it when jcmd does. */
    String run(long pid, String command) {
        try {
            Process process = new ProcessBuilder(List.of(executable.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new BenchException("jcmd " + pid + " " + command + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while running jcmd " + pid + " " + command);
        }
    }
}
