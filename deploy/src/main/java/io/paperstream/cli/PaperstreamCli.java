package io.paperstream.cli;

import io.paperstream.deploy.StackException;
import io.paperstream.producer.ProduceCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code paperstream} command that {@code ./paperstream} runs. Each verb is a picocli subcommand; adding
 * one is one more class in {@code subcommands}. Exit codes: 0 success, 1 failure, 2 usage error. Expected
 * failures ({@link StackException}) print one sentence, without a stack trace.
 */
@Command(name = "paperstream",
        mixinStandardHelpOptions = true,
        versionProvider = PaperstreamVersion.class,
        description = "Trending research papers as Kafka events: produce, enrich, classify, count, detect trends.",
        subcommands = {StackCommand.class, ProduceCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (or records skipped), 2 usage error, 3 broker or registry unreachable."})
public final class PaperstreamCli implements Runnable {

    /** Exit code of a failure the user can act on. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error (picocli's default for a bad argument). */
    public static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for running with other output streams (tests). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PaperstreamCli());
        commandLine.setExecutionExceptionHandler(PaperstreamCli::reportFailure);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    private static int reportFailure(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof StackException) {
            err.println("paperstream: " + failure.getMessage());
        } else {
            err.println("paperstream: unexpected error (a bug; please report it with this trace):");
            failure.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }
}
