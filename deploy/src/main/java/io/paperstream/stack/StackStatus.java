package io.paperstream.stack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the local stack of a data directory runs: its state file, whether each process is alive, and
 * whether each answers (the broker lists itself in {@code describeCluster()}, the registry answers
 * {@code GET /subjects}).
 *
 * @param dataDirectory the data directory asked about
 * @param state the state file's content; empty when the stack was not started (or was stopped)
 * @param kafkaRunning the broker's JVM is alive
 * @param kafkaAnswers the broker answers Kafka requests
 * @param registryRunning the registry's JVM is alive
 * @param registryAnswers the registry answers its Confluent API
 */
public record StackStatus(
        Path dataDirectory,
        Optional<StackState> state,
        boolean kafkaRunning,
        boolean kafkaAnswers,
        boolean registryRunning,
        boolean registryAnswers) {

    /** True when both processes run and answer. */
    public boolean isUp() {
        return kafkaAnswers && registryAnswers;
    }
}
