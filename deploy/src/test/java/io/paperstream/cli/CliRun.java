package io.paperstream.cli;

import io.paperstream.stack.LocalStackConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One run of the top-level CLI in the test's JVM, as a user would type it: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code paperstream args...} with standard output and standard error captured. */
    /** {@code command}, then the options that put a local stack where {@code stack} says, then {@code more}. */
    static String[] withStack(List<String> command, LocalStackConfig stack, String... more) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(
                "--data-dir",
                stack.dataDirectory().toString(),
                "--kafka-port",
                Integer.toString(stack.kafkaPort()),
                "--controller-port",
                Integer.toString(stack.controllerPort()),
                "--registry-port",
                Integer.toString(stack.registryPort()),
                "--registry-management-port",
                Integer.toString(stack.registryManagementPort())));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PaperstreamCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
