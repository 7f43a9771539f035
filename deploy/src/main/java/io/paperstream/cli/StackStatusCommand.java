package io.paperstream.cli;

import io.paperstream.stack.LocalStack;
import io.paperstream.stack.StackState;
import io.paperstream.stack.StackStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paperstream stack status}: what runs where, and whether it answers. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows whether the local stack runs and answers; exit code 0 when both the broker and "
                + "the registry answer, 1 otherwise.")
public final class StackStatusCommand implements Callable<Integer> {

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        StackStatus status = LocalStack.status(dataDirectory.resolve());
        PrintWriter out = spec.commandLine().getOut();
        if (status.state().isEmpty()) {
            out.println("not running: no local stack was started from " + status.dataDirectory());
            out.flush();
            return PaperstreamCli.EXIT_FAILURE;
        }
        StackState state = status.state().get();
        out.println((status.isUp() ? "up since " : "NOT healthy, started ") + state.startedAt());
        out.printf(
                "  Kafka broker      %-40s pid %d  %s%n",
                state.bootstrapServers(), state.kafkaPid(), describe(status.kafkaRunning(), status.kafkaAnswers()));
        out.printf(
                "  schema registry   %-40s pid %d  %s%n",
                state.schemaRegistryUrl(),
                state.registryPid(),
                describe(status.registryRunning(), status.registryAnswers()));
        out.printf("  data directory    %s%n", status.dataDirectory());
        out.flush();
        return status.isUp() ? 0 : PaperstreamCli.EXIT_FAILURE;
    }

    private static String describe(boolean running, boolean answers) {
        if (!running) {
            return "not running";
        }
        return answers ? "running, answers" : "running, does NOT answer";
    }
}
