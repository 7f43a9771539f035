package io.paperstream.cli;

import io.paperstream.stack.LocalStack;
import io.paperstream.stack.LocalStackConfig;
import io.paperstream.stack.SecuredStackClients;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code paperstream stack start}: starts the broker and the registry and creates the topics. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a Kafka broker (KRaft) and an Apicurio schema registry on 127.0.0.1 in the background, "
                    + "creates the paperstream topics that are missing, and returns when both answer.",
            "Data persists in the data directory between starts; logs are written there too."
        })
public final class StackStartCommand implements Callable<Integer> {

    @Mixin
    private DataDirectoryOption dataDirectory;

    @Mixin
    private StackOptions stackOptions;

    @Option(
            names = "--secured",
            description = "Start the broker secured: SASL_SSL with SCRAM-SHA-512 (a self-signed certificate for "
                    + "127.0.0.1), ACLs enforced; the users paperstream-streams and paperstream-producer get the "
                    + "README's ACLs and their client settings in <data>/security/.")
    private boolean secured;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        LocalStackConfig config = stackOptions.config(dataDirectory.resolve());
        long startedNanos = System.nanoTime();
        LocalStack stack = secured ? LocalStack.startSecured(config) : LocalStack.start(config);
        stack.keepRunningAfterExit();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "paperstream local stack is up (%.1f s)%n", (System.nanoTime() - startedNanos) / 1e9);
        out.printf(
                "  Kafka broker      %s  pid %d  log %s%n",
                stack.bootstrapServers(),
                stack.kafka().node(1).pid().orElse(-1),
                stack.kafka().node(1).logFile());
        out.printf(
                "  schema registry   %s  pid %d  log %s%n",
                stack.schemaRegistryUrl(),
                stack.registry().pid().orElse(-1),
                stack.registry().logFile());
        out.printf("  data directory    %s%n", config.dataDirectory());
        out.printf(
                "  topics created    %s%n",
                stack.createdTopics().isEmpty() ? "none (all existed)" : String.join(", ", stack.createdTopics()));
        if (secured) {
            Path security = LocalStack.securityDirectory(config.dataDirectory());
            out.printf(
                    "  secured           SASL_SSL + SCRAM-SHA-512, ACLs enforced; clients: stream --config %s, "
                            + "produce --producer-config %s%n",
                    security.resolve(SecuredStackClients.STREAMS_FILE),
                    security.resolve(SecuredStackClients.PRODUCER_FILE));
        }
        out.println("Stop it with: ./paperstream stack stop");
        out.flush();
        return 0;
    }
}
