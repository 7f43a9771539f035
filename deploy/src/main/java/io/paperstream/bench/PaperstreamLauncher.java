package io.paperstream.bench;

import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * How the bench runs paperstream's own commands: {@code produce} in a child JVM as a user would, through the
 * command line's main class, and {@code produce --dry-run} in this process.
 *
 * @param mainClass the class whose {@code main} is the {@code paperstream} command line
 * @param commandLine a new {@code paperstream} command line, for runs in this process
 */
public record PaperstreamLauncher(String mainClass, Supplier<CommandLine> commandLine) {}
