package io.paperstream.cli;

import io.paperstream.app.StreamCommand;
import io.paperstream.classify.TaxonomyException;
import io.paperstream.notify.NotifyCommand;
import io.paperstream.producer.ClassifyCommand;
import io.paperstream.producer.ProduceCommand;
import io.paperstream.settings.SettingsException;
import io.paperstream.stack.StackException;
import io.paperstream.streams.DigestCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code paperstream} command that {@code ./paperstream} runs. Each verb is a picocli subcommand; adding
 * one is one more class in {@code subcommands}. Exit codes: 0 success, 1 failure, 2 usage error, 3 broker or
 * registry unreachable. Expected failures a command throws instead of returning a code (a stack problem, an
 * invalid setting, Kafka not answering) print one sentence, without a stack trace; anything else is a bug
 * and prints its trace.
 */
@Command(
        name = "paperstream",
        mixinStandardHelpOptions = true,
        versionProvider = PaperstreamVersion.class,
        description = "Trending research papers as Kafka events: produce, enrich, classify, count, detect trends.",
        subcommands = {
            StackCommand.class,
            ProduceCommand.class,
            StreamCommand.class,
            ClassifyCommand.class,
            DigestCommand.class,
            NotifyCommand.class,
            DemoCommand.class,
            BenchCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 success, 1 failure (or records skipped), 2 usage error, 3 broker or registry unreachable."
        })
public final class PaperstreamCli implements Runnable {

    /** Exit code of a failure the user can act on. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error (picocli's default for a bad argument), an invalid setting included. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the broker or the registry does not answer, so that scripts can retry. */
    public static final int EXIT_UNAVAILABLE = 3;

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
        throw missingCommand(spec);
    }

    /** The usage error of a command that only groups others ({@code paperstream}, {@code paperstream stack}) run alone. */
    static ParameterException missingCommand(CommandSpec spec) {
        return new ParameterException(
                spec.commandLine(),
                "Missing a command: choose one of "
                        + String.join(", ", spec.subcommands().keySet()));
    }

    private static int reportFailure(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable cause =
                failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        int exitCode;
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            err.println("paperstream: Kafka did not answer in time: " + cause.getMessage());
            exitCode = EXIT_UNAVAILABLE;
        } else if (cause instanceof SettingsException || cause instanceof TaxonomyException) {
            err.println("paperstream: invalid settings: " + cause.getMessage());
            exitCode = EXIT_USAGE;
        } else if (cause instanceof StackException) {
            err.println("paperstream: " + cause.getMessage());
            exitCode = EXIT_FAILURE;
        } else if (cause instanceof UncheckedIOException io) {
            err.println("paperstream: " + describe(io));
            exitCode = EXIT_FAILURE;
        } else if (cause instanceof KafkaException) {
            err.println("paperstream: Kafka refused: " + cause.getMessage());
            exitCode = EXIT_FAILURE;
        } else {
            err.println("paperstream: unexpected error (a bug; please report it with this trace):");
            failure.printStackTrace(err);
            exitCode = EXIT_FAILURE;
        }
        err.flush();
        return exitCode;
    }

    /** The I/O error in one sentence: what was being done (when said) and the operating system's reason. */
    private static String describe(UncheckedIOException failure) {
        String reason = failure.getCause().getClass().getSimpleName() + ": "
                + failure.getCause().getMessage();
        return failure.getMessage().equals(failure.getCause().toString())
                ? reason
                : failure.getMessage() + " (" + reason + ")";
    }
}
