package io.paperstream.cli;

import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.StackState;
import io.paperstream.stack.StackStatus;
import java.io.PrintWriter;
import java.util.Locale;

/** The local stack a command runs against ({@code demo}, {@code bench}): the running one, or a new one left running. */
final class RunningStack {

    private RunningStack() {}

    /** The stack of the data directory when it runs and answers; else a new one, left running. */
    static StackState useOrStart(LocalStackConfig config, PrintWriter out) {
        StackStatus status = LocalStack.status(config.dataDirectory());
        if (status.isUp()) {
            StackState state = status.state().orElseThrow();
            out.println("using the local stack running since " + state.startedAt() + " (Kafka "
                    + state.bootstrapServers() + ", schema registry " + state.schemaRegistryUrl() + ")");
            out.flush();
            return state;
        }
        long startedNanos = System.nanoTime();
        out.println("starting the local stack (Kafka broker and schema registry) in " + config.dataDirectory());
        out.flush();
        LocalStack stack = LocalStack.start(config);
        stack.keepRunningAfterExit();
        out.printf(
                Locale.ROOT,
                "local stack up in %.1f s (Kafka %s, schema registry %s)%n",
                (System.nanoTime() - startedNanos) / 1e9,
                stack.bootstrapServers(),
                stack.schemaRegistryUrl());
        out.flush();
        return stack.state();
    }
}
