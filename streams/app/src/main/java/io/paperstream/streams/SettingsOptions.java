package io.paperstream.streams;

import io.paperstream.settings.SettingsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The settings options shared by the streams commands: a properties file, overrides and the settings help. */
public final class SettingsOptions {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Kafka-style properties file (see --settings-help); environment variables PAPERSTREAM_* override it.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set one setting, over the file and the environment (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(
            names = "--settings-help",
            description = "Print every setting with its default, environment variable and meaning.")
    boolean settingsHelp;

    /** What a streams command does once its settings are loaded. */
    @FunctionalInterface
    public interface SettingsCommand {
        /** Runs with the settings, writing to the command's {@code out} and {@code err}; returns its exit code. */
        int run(StreamsSettings settings, PrintWriter out, PrintWriter err) throws Exception;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Prints the settings help (exit code 0), or loads the settings from the file, the process environment
     * and the overrides and runs {@code command} with them; invalid settings are reported in one line
     * (exit code 2).
     */
    public int runWith(SettingsCommand run) throws Exception {
        if (settingsHelp) {
            PrintWriter out = command.commandLine().getOut();
            out.print(StreamsSettings.describe());
            out.flush();
            return 0;
        }
        StreamsSettings settings;
        try {
            settings = StreamsSettings.load(config, System.getenv(), overrides);
        } catch (SettingsException e) {
            command.commandLine().getErr().println("invalid settings: " + e.getMessage());
            return 2;
        }
        return run.run(
                settings, command.commandLine().getOut(), command.commandLine().getErr());
    }
}
