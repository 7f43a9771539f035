package io.paperstream.it;

import io.paperstream.app.StreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the real {@code stream} command ({@link StreamCommand}) in this JVM through picocli, with settings as its
 * {@code --set} options: for the starts it refuses, where what a user reads is its exit code and standard error.
 *
 * @param exitCode the exit code
 * @param err standard error
 */
record StreamCommandRun(int exitCode, String err) {

    /** Runs the command with {@code settings} as {@code --set} options. */
    static StreamCommandRun of(Map<String, String> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> {
            arguments.add("--set");
            arguments.add(key + "=" + value);
        });
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new StreamCommand());
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(arguments.toArray(String[]::new));
        return new StreamCommandRun(exitCode, err.toString());
    }

    /** The non-blank lines of standard error. */
    List<String> errLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
