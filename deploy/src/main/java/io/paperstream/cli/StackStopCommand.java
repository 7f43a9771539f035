package io.paperstream.cli;

import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStack.StoppedProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paperstream stack stop}: stops the processes named by the data directory's state file. */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stops the local stack gracefully (SIGTERM; SIGKILL for what still runs after the timeout). "
                + "Its data stays in the data directory.")
public final class StackStopCommand implements Callable<Integer> {

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "How long each process may take to stop before it is killed (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path directory = dataDirectory.resolve();
        List<StoppedProcess> stopped = LocalStack.stopRunning(directory, Duration.ofSeconds(timeoutSeconds));
        PrintWriter out = spec.commandLine().getOut();
        if (stopped.isEmpty()) {
            out.println("no local stack runs from " + directory);
        }
        for (StoppedProcess process : stopped) {
            out.println((process.graceful() ? "stopped " : "killed (did not stop within " + timeoutSeconds + " s) ")
                    + process.name() + " (pid " + process.pid() + ")");
        }
        out.flush();
        return 0;
    }
}
