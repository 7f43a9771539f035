package io.paperstream.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code paperstream stack}: the local Kafka broker and schema registry. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the local stack: a real Kafka broker (KRaft, single node) and a real schema registry "
                    + "(Apicurio, Confluent API), both on 127.0.0.1, their data kept in a data directory."
        },
        subcommands = {StackStartCommand.class, StackStopCommand.class, StackStatusCommand.class})
public final class StackCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw PaperstreamCli.missingCommand(spec);
    }
}
